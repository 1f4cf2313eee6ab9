// Thin provider for the Database view: maps each project's database facts (model/databaseTree.ts) to
// TreeItems. Untrusted: no database is read, so the view stays empty and its welcome text says why.
import * as vscode from 'vscode';
import { databaseRows, type DatabaseRow } from '../model/databaseTree';
import type { ProjectRepository, ProjectSnapshot } from './projectRepository';

interface Row extends DatabaseRow {
  id: string;
}

function rows(project: ProjectSnapshot): Row[] {
  // undefined: no revision file declares it; null: declared without a message.
  const messageOf = (id: string): string | null | undefined => {
    const revision = project.graph?.revisions.find((r) => r.id === id);
    return revision ? revision.message : undefined;
  };
  return databaseRows(project.database, messageOf).map((r) => ({ ...r, id: `${project.info.root}#${r.key}` }));
}

export class DatabaseProvider implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly repository: ProjectRepository) {
    this.subscription = repository.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(element?: Row): Row[] {
    if (element || !vscode.workspace.isTrusted) return [];
    const projects = this.repository.projects;
    // Nothing configured anywhere: the welcome text (with its Set Database URL button) says so.
    if (projects.every((p) => p.database.state === 'not-configured')) return [];
    const many = projects.length > 1;
    return projects.flatMap((p) => {
      const r = rows(p);
      return many ? [{ id: `${p.info.root}#name`, key: 'name', label: p.info.name, icon: { id: 'folder-library' }, contextValue: 'project' }, ...r] : r;
    });
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    if (row.description) item.description = row.description;
    if (row.tooltip) item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    item.contextValue = row.contextValue;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
