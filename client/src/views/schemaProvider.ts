// Thin provider for the Schema view: tables and columns with badges for pending changes and findings.
// A click opens the model line when one is known.
import * as vscode from 'vscode';
import { buildSchemaNodes, type SchemaNode } from '../model/schemaTree';
import type { SchemaRepository } from './schemaRepository';

export type SchemaElement = { kind: 'project'; project: string } | { kind: 'node'; project: string; node: SchemaNode };

export class SchemaProvider implements vscode.TreeDataProvider<SchemaElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SchemaElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly repository: SchemaRepository) {
    this.subscription = repository.onDidChange(() => this.emitter.fire(undefined));
  }

  /** Pending model changes (not findings), for the view's badge. */
  badgeCount(): number {
    return this.repository.projects.projects.reduce((sum, p) => sum + (p.pending?.changes.length ?? 0), 0);
  }

  private nodes(root: string): SchemaElement[] {
    const project = this.repository.projects.project(root);
    const nodes = buildSchemaNodes(
      this.repository.modelSchema(root),
      project?.pending?.changes ?? [],
      project?.pending?.findings ?? [],
      project?.pending?.tables ?? [],
    );
    return nodes.map((node) => ({ kind: 'node', project: root, node }));
  }

  getChildren(element?: SchemaElement): SchemaElement[] {
    const projects = this.repository.projects.projects;
    if (!element) {
      if (projects.length === 1 && projects[0]) return this.nodes(projects[0].info.root);
      return projects.map((p) => ({ kind: 'project', project: p.info.root }));
    }
    if (element.kind === 'project') return this.nodes(element.project);
    return element.node.children.map((node) => ({ kind: 'node', project: element.project, node }));
  }

  getTreeItem(element: SchemaElement): vscode.TreeItem {
    if (element.kind === 'project') {
      const item = new vscode.TreeItem(
        this.repository.projects.project(element.project)?.info.name ?? element.project,
        vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = `schema-project:${element.project}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      return item;
    }
    const { node } = element;
    const state =
      node.kind === 'column'
        ? vscode.TreeItemCollapsibleState.None
        : node.badge > 0
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = `${element.project}#${node.id}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.accessibilityInformation = { label: `${node.kind} ${node.label}${node.description ? `, ${node.description}` : ''}` };
    if (node.location) {
      const { uri, line, character } = node.location;
      item.command = {
        command: 'vscode.open',
        title: vscode.l10n.t('Open Model'),
        arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(line, character, line, character) }],
      };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
