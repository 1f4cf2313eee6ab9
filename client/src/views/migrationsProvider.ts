// Thin provider for the Migrations view: maps ProjectRepository data to TreeItems. A click opens the
// revision file (vscode.open); nothing here runs a migration.
import * as vscode from 'vscode';
import { buildRevisionNodes, type RevisionNode } from '../model/revisionTree';
import { snapshotFromGraph } from '../model/graphAdapter';
import type { ProjectRepository, ProjectSnapshot } from './projectRepository';

export type MigrationsElement =
  | { kind: 'project'; project: string }
  | { kind: 'revision'; project: string; node: RevisionNode }
  | { kind: 'problem'; project: string; message: string; uri?: string; line?: number };

export class MigrationsProvider implements vscode.TreeDataProvider<MigrationsElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<MigrationsElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly repository: ProjectRepository) {
    this.subscription = repository.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(element?: MigrationsElement): MigrationsElement[] {
    if (!this.repository.isLoaded) return [];
    const projects = this.repository.projects;
    if (!element) {
      if (projects.length === 1 && projects[0]) return this.projectChildren(projects[0]);
      return projects.map((p) => ({ kind: 'project', project: p.info.root }));
    }
    if (element.kind === 'project') {
      const project = this.repository.project(element.project);
      return project ? this.projectChildren(project) : [];
    }
    return [];
  }

  private projectChildren(project: ProjectSnapshot): MigrationsElement[] {
    const root = project.info.root;
    const problems: MigrationsElement[] = [];
    if (project.error) problems.push({ kind: 'problem', project: root, message: project.error });
    if (project.database.error) problems.push({ kind: 'problem', project: root, message: `Database: ${project.database.error}` });
    for (const e of project.graph?.errors ?? []) {
      problems.push({ kind: 'problem', project: root, message: e.message, ...(e.uri ? { uri: e.uri } : {}), ...(e.range ? { line: e.range.start.line } : {}) });
    }
    if (!project.graph) return problems;
    const nodes = buildRevisionNodes(snapshotFromGraph(project.graph, project.database.current));
    return [...problems, ...nodes.map((node): MigrationsElement => ({ kind: 'revision', project: root, node }))];
  }

  getTreeItem(element: MigrationsElement): vscode.TreeItem {
    if (element.kind === 'project') {
      const project = this.repository.project(element.project);
      const item = new vscode.TreeItem(project?.info.name ?? element.project, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `project:${element.project}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'project';
      item.tooltip = vscode.Uri.parse(element.project).fsPath;
      return item;
    }
    if (element.kind === 'problem') {
      const item = new vscode.TreeItem(element.message, vscode.TreeItemCollapsibleState.None);
      item.id = `problem:${element.project}:${element.uri ?? ''}:${element.line ?? ''}:${element.message}`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.contextValue = 'problem';
      item.tooltip = element.message;
      if (element.uri) {
        const line = element.line ?? 0;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(element.uri), { selection: new vscode.Range(line, 0, line, 0) }] };
      }
      return item;
    }
    const { node } = element;
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${element.project}#${node.id}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.accessibilityInformation = { label: node.accessibilityLabel };
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.file) {
      const uri = vscode.Uri.parse(node.file);
      item.resourceUri = uri;
      item.command = { command: 'vscode.open', title: 'Open Revision File', arguments: [uri] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
