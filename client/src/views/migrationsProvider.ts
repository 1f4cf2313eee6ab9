// Thin provider for the Migrations view: maps ProjectRepository data to TreeItems. A click opens the
// revision file (vscode.open); nothing here runs a migration.
import * as vscode from 'vscode';
import { buildRevisionNodes, type IconSpec, type RevisionNode } from '../model/revisionTree';
import { snapshotFromGraph } from '../model/graphAdapter';
import { buildNotesGroup, type NoteNode, type NotesGroup } from '../model/notesTree';
import type { ProjectRepository, ProjectSnapshot } from './projectRepository';

export type MigrationsElement =
  | { kind: 'project'; project: string }
  | { kind: 'revision'; project: string; node: RevisionNode }
  | { kind: 'problem'; project: string; message: string; uri?: string; line?: number }
  | { kind: 'notes'; project: string; group: NotesGroup }
  | { kind: 'note'; project: string; note: NoteNode };

const TEXT = {
  cannotConnect: (reason: string) => vscode.l10n.t('Database: cannot connect ({0}); applied states are unknown.', reason),
  unusable: (reason: string) => vscode.l10n.t('Database: cannot be used ({0}).', reason),
  get noReason() {
    return vscode.l10n.t('no reason given');
  },
};

function themeIcon(icon: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

function openAt(uri: string, line: number | undefined): vscode.Command {
  const at = line ?? 0;
  return { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(at, 0, at, 0) }] };
}

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
    if (element.kind === 'notes') return element.group.notes.map((note): MigrationsElement => ({ kind: 'note', project: element.project, note }));
    return [];
  }

  private projectChildren(project: ProjectSnapshot): MigrationsElement[] {
    const root = project.info.root;
    const problems: MigrationsElement[] = [];
    if (project.error) problems.push({ kind: 'problem', project: root, message: project.error });
    const db = project.database;
    if (db.state === 'cannot-connect') problems.push({ kind: 'problem', project: root, message: TEXT.cannotConnect(db.error ?? TEXT.noReason) });
    else if (db.state === 'unusable') problems.push({ kind: 'problem', project: root, message: TEXT.unusable(db.error ?? TEXT.noReason) });
    // Replay and discovery notes: one collapsed node, whatever their number.
    const group = buildNotesGroup(
      root,
      (project.graph?.errors ?? []).map((e) => ({
        message: e.message,
        ...(e.severity ? { severity: e.severity } : {}),
        ...(e.kind ? { kind: e.kind } : {}),
        ...(e.uri ? { uri: e.uri } : {}),
        ...(e.range ? { line: e.range.start.line } : {}),
      })),
    );
    if (group) problems.push({ kind: 'notes', project: root, group });
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
      if (element.uri) item.command = openAt(element.uri, element.line);
      return item;
    }
    if (element.kind === 'notes') {
      const { group } = element;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = group.id;
      item.description = group.description;
      item.tooltip = group.tooltip;
      item.iconPath = themeIcon(group.icon);
      item.contextValue = 'notes';
      return item;
    }
    if (element.kind === 'note') {
      const { note } = element;
      const item = new vscode.TreeItem(note.label, vscode.TreeItemCollapsibleState.None);
      item.id = note.id;
      item.description = note.description;
      item.tooltip = note.tooltip;
      item.iconPath = themeIcon(note.icon);
      item.contextValue = 'note';
      if (note.uri) item.command = openAt(note.uri, note.line);
      return item;
    }
    const { node } = element;
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${element.project}#${node.id}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.accessibilityInformation = { label: node.accessibilityLabel };
    item.contextValue = node.contextValue;
    item.iconPath = themeIcon(node.icon);
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
