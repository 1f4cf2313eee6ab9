// Owns everything the views and the status bar show: projects, revision graphs, pending changes and the
// database's current revisions. Providers only map this data to TreeItems (see migrationsProvider.ts).
import * as vscode from 'vscode';
import type { PendingChangesResult, ProjectInfo, RevisionGraphResult } from '../../../server/src/protocol';
import type { ServerConnection } from '../lsp/serverConnection';

/**
 * What the Database view and the status bar say about a project's database:
 * not configured anywhere; configured but unusable (e.g. a dialect Migration Guard cannot run); not checked
 * (untrusted workspace); connected (its revision read); or cannot connect (with the reason).
 */
export type ConnectionState = 'not-configured' | 'unusable' | 'not-checked' | 'connected' | 'cannot-connect';

export interface DatabaseStatus {
  /** Whether a database URL is configured anywhere (secret storage, setting, environment, .env, alembic.ini). */
  configured: boolean;
  state: ConnectionState;
  /** alembic_version rows; null when unknown (no database, untrusted, or the query failed). */
  current: string[] | null;
  /** Masked URL, for display. */
  label: string | null;
  /** Where the URL comes from, e.g. ".env (DATABASE_URL)". */
  source: string | null;
  /** The dialect the URL names, e.g. "PostgreSQL", "SQLite". */
  dialect: string | null;
  /** Why it cannot connect or cannot be used, in the driver's or the resolver's words (passwords masked). */
  error: string | null;
}

export interface ProjectSnapshot {
  info: ProjectInfo;
  graph: RevisionGraphResult | null;
  pending: PendingChangesResult | null;
  database: DatabaseStatus;
  error: string | null;
}

/** Describes a project's database; `known` is the server's answer, the fallback when the client may not or cannot ask. */
export type CurrentReader = (project: ProjectInfo, known: string[] | null) => Promise<DatabaseStatus>;

const NO_DATABASE: DatabaseStatus = { configured: false, state: 'not-configured', current: null, label: null, source: null, dialect: null, error: null };

export class ProjectRepository implements vscode.Disposable {
  private snapshots: ProjectSnapshot[] = [];
  private loaded = false;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly databases = new Map<string, DatabaseStatus>();
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private againDatabase = false;

  constructor(
    private readonly server: ServerConnection,
    private readonly readCurrent: CurrentReader,
    private readonly log: vscode.LogOutputChannel,
  ) {
    server.onProjectChanged(() => this.scheduleRefresh());
  }

  get projects(): readonly ProjectSnapshot[] {
    return this.snapshots;
  }
  get isLoaded(): boolean {
    return this.loaded;
  }

  project(root: string | undefined): ProjectSnapshot | undefined {
    return root === undefined ? this.snapshots[0] : this.snapshots.find((p) => p.info.root === root);
  }

  /** Coalesces bursts of server notifications (typing in a model file) into one refresh. */
  scheduleRefresh(delayMs = 150): void {
    if (this.pendingRefresh) clearTimeout(this.pendingRefresh);
    this.pendingRefresh = setTimeout(() => {
      this.pendingRefresh = undefined;
      void this.refresh({ database: false });
    }, delayMs);
  }

  /** Re-reads everything from the server; with database: true also re-reads the database's current revision. */
  async refresh(options: { database: boolean } = { database: true }): Promise<void> {
    if (this.inFlight) {
      // A load started earlier may hold stale data: run once more when it ends, keeping the strongest request.
      this.again = true;
      this.againDatabase ||= options.database;
      return this.inFlight;
    }
    if (options.database) this.databases.clear();
    this.inFlight = this.load().finally(() => {
      this.inFlight = undefined;
    });
    await this.inFlight;
    if (this.again) {
      const database = this.againDatabase;
      this.again = false;
      this.againDatabase = false;
      await this.refresh({ database });
    }
  }

  private async load(): Promise<void> {
    let infos: ProjectInfo[];
    try {
      infos = await this.server.projects();
    } catch (error) {
      this.log.error(vscode.l10n.t('Could not list projects: {0}', (error as Error).message));
      infos = [];
    }
    this.snapshots = await Promise.all(infos.map((info) => this.loadProject(info)));
    this.loaded = true;
    await vscode.commands.executeCommand('setContext', 'migrationGuard.hasProject', this.snapshots.length > 0);
    await vscode.commands.executeCommand('setContext', 'migrationGuard.loaded', true);
    await vscode.commands.executeCommand(
      'setContext',
      'migrationGuard.databaseConfigured',
      this.snapshots.some((p) => p.database.configured),
    );
    this.emitter.fire();
  }

  private async loadProject(info: ProjectInfo): Promise<ProjectSnapshot> {
    const [graph, pending] = await Promise.all([
      this.server.revisionGraph(info.root).catch((e: unknown) => this.fail(vscode.l10n.t('revision graph'), info, e)),
      this.server.pendingChanges(info.root).catch((e: unknown) => this.fail(vscode.l10n.t('pending changes'), info, e)),
    ]);
    let database = this.databases.get(info.root);
    if (!database) {
      database = await this.readCurrent(info, graph?.current ?? null).catch((e: unknown): DatabaseStatus => ({
        ...NO_DATABASE,
        error: (e as Error).message ?? String(e),
      }));
      this.databases.set(info.root, database);
    }
    const error = graph === null || pending === null ? vscode.l10n.t('The language server could not analyse this project; see the output.') : null;
    return { info, graph, pending, database, error };
  }

  private fail(what: string, info: ProjectInfo, error: unknown): null {
    this.log.error(vscode.l10n.t('Could not read the {0} of {1}: {2}', what, info.name, (error as Error).message ?? String(error)));
    return null;
  }

  dispose(): void {
    if (this.pendingRefresh) clearTimeout(this.pendingRefresh);
    this.emitter.dispose();
  }
}
