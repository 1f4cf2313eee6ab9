// Thin provider for the Database view: which database each project uses (password masked), where the
// URL comes from, and the revision it is at. Empty when none is configured, so viewsWelcome shows.
import * as vscode from 'vscode';
import { shortRevision } from '../model/revisionTree';
import type { ProjectRepository, ProjectSnapshot } from './projectRepository';

interface Row { id: string; label: string; description?: string; tooltip?: string; icon: string; color?: string; contextValue: string }

function rows(project: ProjectSnapshot, prefix: string): Row[] {
  const db = project.database;
  if (!db.configured) return [];
  const out: Row[] = [];
  if (db.label) out.push({ id: `${prefix}url`, label: db.label, description: db.source ?? '', tooltip: `From ${db.source ?? 'unknown'}`, icon: 'database', contextValue: 'database.url' });
  if (db.error) out.push({ id: `${prefix}error`, label: db.error, icon: 'error', color: 'list.errorForeground', contextValue: 'database.error' });
  else if (db.current === null) out.push({ id: `${prefix}current`, label: vscode.workspace.isTrusted ? 'Revision unknown' : 'Not read in an untrusted workspace', icon: 'question', contextValue: 'database.unknown' });
  else if (db.current.length === 0) out.push({ id: `${prefix}current`, label: 'At base', description: 'no revision applied', icon: 'circle-outline', contextValue: 'database.current' });
  else {
    for (const id of db.current) {
      const message = project.graph?.revisions.find((r) => r.id === id)?.message ?? '';
      out.push({ id: `${prefix}current:${id}`, label: `At ${shortRevision(id)}`, description: message, tooltip: id, icon: 'debug-stackframe', color: 'charts.green', contextValue: 'database.current' });
    }
  }
  return out;
}

export class DatabaseProvider implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly repository: ProjectRepository) {
    this.subscription = repository.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(element?: Row): Row[] {
    // Untrusted: no database is read, so the view stays empty and its welcome text says why.
    if (element || !vscode.workspace.isTrusted) return [];
    const many = this.repository.projects.length > 1;
    return this.repository.projects.flatMap((p) => {
      const r = rows(p, `${p.info.root}#`);
      return many && r.length ? [{ id: `${p.info.root}#name`, label: p.info.name, icon: 'folder-library', contextValue: 'project' }, ...r] : r;
    });
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    if (row.description) item.description = row.description;
    if (row.tooltip) item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon, row.color ? new vscode.ThemeColor(row.color) : undefined);
    item.contextValue = row.contextValue;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
