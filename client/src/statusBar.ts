// The status bar item: the database's state (its revision, or why there is none) and the count of pending model changes.
// A click focuses the Migrations view.
import * as vscode from 'vscode';
import { unappliedRevisions } from './model/revisionTree';
import { statusText } from './model/statusText';
import type { ProjectRepository, ProjectSnapshot } from './views/projectRepository';

function unapplied(project: ProjectSnapshot): number | null {
  const graph = project.graph;
  const current = project.database.current;
  if (!graph || current === null) return null;
  return unappliedRevisions(graph.revisions, current);
}

export class MigrationStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('migrationGuard.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly repository: ProjectRepository) {
    this.item.name = 'Migration Guard';
    this.item.command = { command: 'migrationGuard.migrations.focus', title: vscode.l10n.t('Open the Migrations view') };
    this.subscription = repository.onDidChange(() => this.update());
  }

  private update(): void {
    const project = this.repository.project(undefined);
    if (!project) {
      this.item.hide();
      return;
    }
    const s = statusText({
      projectName:
        this.repository.projects.length > 1 ? vscode.l10n.t('{0} (+{1} more)', project.info.name, this.repository.projects.length - 1) : project.info.name,
      state: project.database.state,
      current: project.database.current,
      reason: project.database.error,
      dialect: project.database.dialect,
      unknownRevisions:
        project.graph && project.database.current ? project.database.current.filter((id) => !project.graph?.revisions.some((r) => r.id === id)) : [],
      unappliedRevisions: unapplied(project),
      pendingChanges: project.pending?.changes.length ?? project.info.pendingChanges,
      findings: project.pending?.findings.length ?? project.info.findings,
      modelsNotFound: project.info.modelsNotFound === true,
      databaseLabel: project.database.label,
    });
    this.item.text = s.text;
    this.item.tooltip = s.tooltip;
    this.item.accessibilityInformation = { label: s.accessibilityLabel };
    this.item.backgroundColor = s.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
