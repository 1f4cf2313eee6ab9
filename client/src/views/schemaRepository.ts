// Owns the Schema view's data: the models' tables and columns (the CLI's `schema --from models`,
// only in a trusted workspace and only while the view is visible) plus the language server's pending
// changes and findings, which the ProjectRepository already holds.
import * as vscode from 'vscode';
import { parseJsonOutput, runCli } from '../db/cliRunner';
import type { SchemaJson } from '../model/schemaTree';
import type { ProjectRepository } from './projectRepository';

const RELOAD_DELAY_MS = 400;

function isSchemaJson(value: unknown): value is SchemaJson {
  return typeof value === 'object' && value !== null && typeof (value as SchemaJson).tables === 'object';
}

export class SchemaRepository implements vscode.Disposable {
  private readonly models = new Map<string, SchemaJson>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;
  private stale = true;
  private roots = '';
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly projects: ProjectRepository,
    private readonly cliPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Pending changes and findings re-render at once; the models are re-read only when a project appears or
    // a Python file changes on disk (the CLI reads the disk, so unsaved keystrokes would change nothing).
    this.subscriptions.push(
      projects.onDidChange(() => {
        const roots = projects.projects.map((p) => p.info.root).join('\n');
        if (roots !== this.roots) {
          this.roots = roots;
          this.stale = true;
          this.schedule();
        }
        this.emitter.fire();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    const changed = (): void => {
      this.stale = true;
      this.schedule();
    };
    this.subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  modelSchema(root: string): SchemaJson | null {
    return this.models.get(root) ?? null;
  }

  /** Re-reads the models now (the Refresh command). */
  reload(): void {
    this.stale = true;
    this.schedule();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.schedule();
  }

  private schedule(): void {
    if (!this.visible || !this.stale || !vscode.workspace.isTrusted) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.readModels();
    }, RELOAD_DELAY_MS);
  }

  private async readModels(): Promise<void> {
    this.stale = false;
    let changed = false;
    for (const project of this.projects.projects) {
      const dir = vscode.Uri.parse(project.info.root).fsPath;
      try {
        const result = await runCli({
          cliPath: this.cliPath,
          args: ['schema', dir, '--from', 'models', '--format', 'json'],
          cwd: dir,
          signal: AbortSignal.timeout(30_000),
        });
        const parsed = parseJsonOutput(result.stdout);
        if (result.exitCode === 0 && isSchemaJson(parsed)) {
          this.models.set(project.info.root, parsed);
          changed = true;
        } else {
          this.log.warn(
            vscode.l10n.t('Could not read the models of {0}: {1}', project.info.name, result.stderr.trim().split('\n')[0] ?? `exit ${result.exitCode}`),
          );
        }
      } catch (error) {
        this.log.warn(vscode.l10n.t('Could not read the models of {0}: {1}', project.info.name, (error as Error).message));
      }
    }
    if (changed) this.emitter.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
