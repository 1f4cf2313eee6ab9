// Where the client's database URL lives: SecretStorage (set by "Set Database URL"), else the
// migrationGuard.databaseUrl setting, else what the project itself declares (environment, .env,
// .flaskenv, alembic.ini) through the database engine's own resolver.
import * as vscode from 'vscode';
import type { Dialect } from '../../../server/src/core/project/database';
import { resolveDatabaseUrl } from '../../../server/src/db/url';
import { readSettings } from '../config';
import { EMBEDDED, isEmbedded } from '../model/databaseUrl';

export interface DatabaseChoice {
  url: string;
  /** Where it came from, for the views and messages. */
  source: string;
  /** postgresql for the embedded database too; sqlite for a file (then sqlitePath is set). */
  dialect?: Dialect;
  sqlitePath?: string;
}

/** The user-facing name of the embedded database: it must never pass for the app's own. */
export const EMBEDDED_DESCRIPTION = "embedded scratch database (not your app's database)";

/** A URL that is configured but cannot be used, and why. */
export interface UnusableDatabase {
  error: string;
  source?: string;
  url?: string;
}

/** The project files that can name the database: .env / .flaskenv, the app's config (config.py, app.py, a package's __init__.py), alembic.ini. */
const PROJECT_URL_FILES = '**/{.env,.flaskenv,config.py,settings.py,app.py,__init__.py,alembic.ini}';

const secretKey = (projectRoot: string): string => `migrationGuard.databaseUrl:${projectRoot}`;

export class DatabaseStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<string | undefined>();
  /** Fires with the project root whose URL changed (undefined: possibly all). */
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Every place a URL can come from is watched, so the views never need a manual Refresh.
    const projectFiles = vscode.workspace.createFileSystemWatcher(PROJECT_URL_FILES);
    const filesChanged = (): void => this.emitter.fire(undefined);
    this.subscriptions.push(
      secrets.onDidChange((e) => {
        if (e.key.startsWith('migrationGuard.databaseUrl:')) this.emitter.fire(e.key.slice('migrationGuard.databaseUrl:'.length));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('migrationGuard.databaseUrl')) this.emitter.fire(undefined);
      }),
      projectFiles,
      projectFiles.onDidChange(filesChanged),
      projectFiles.onDidCreate(filesChanged),
      projectFiles.onDidDelete(filesChanged),
    );
  }

  /** The URL the user stored or configured for this project, if any (without the project's own files). */
  async explicit(projectRoot: string): Promise<DatabaseChoice | undefined> {
    const stored = await this.secrets.get(secretKey(projectRoot));
    if (stored) return { url: stored, source: vscode.l10n.t('the secret storage (Set Database URL)') };
    const setting = readSettings(vscode.Uri.parse(projectRoot)).databaseUrl.trim();
    if (setting) return { url: setting, source: vscode.l10n.t('the migrationGuard.databaseUrl setting') };
    return undefined;
  }

  /**
   * The URL Migration Guard will use for this project; an error when one is configured but cannot be used
   * (e.g. another dialect); undefined when none is configured anywhere.
   */
  async resolve(projectRoot: string): Promise<DatabaseChoice | UnusableDatabase | undefined> {
    const explicit = await this.explicit(projectRoot);
    if (explicit && isEmbedded(explicit.url)) return { url: EMBEDDED, source: `${EMBEDDED_DESCRIPTION}: PGlite in .migration-guard/`, dialect: 'postgresql' };
    const result = resolveDatabaseUrl(vscode.Uri.parse(projectRoot).fsPath, explicit ? { explicit: explicit.url, explicitLabel: explicit.source } : {});
    if (result.ok)
      return {
        url: result.value.url,
        source: result.value.source,
        dialect: result.value.dialect,
        ...(result.value.sqlitePath ? { sqlitePath: result.value.sqlitePath } : {}),
      };
    if (explicit) return { error: result.message, source: explicit.source, url: explicit.url };
    // "Nothing anywhere" is not configured; anything else is a URL the resolver found and cannot use.
    if (result.none) return undefined;
    const source = /^([^:]+): /.exec(result.message)?.[1];
    return { error: result.message, ...(source ? { source } : {}) };
  }

  /** Says the database of a project changed (a move, a stamp): listeners re-read it and tell the server. */
  databaseChanged(projectRoot: string): void {
    this.emitter.fire(projectRoot);
  }

  async store(projectRoot: string, url: string | undefined): Promise<void> {
    if (url === undefined || url.trim() === '') await this.secrets.delete(secretKey(projectRoot));
    else await this.secrets.store(secretKey(projectRoot), url.trim());
    // The secret storage's own event may come late or, for this extension's own writes, not at all.
    this.emitter.fire(projectRoot);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}
