// The optional database: the client sends a URL (it keeps it in SecretStorage); the server reads
// alembic_version (applied states in the revision graph) and counts the rows each destructive
// finding's rule says to count (their messages then say how many). Without a URL nothing here runs.
import * as l10n from '@vscode/l10n';
import type { DatabaseState, ProjectAnalysis } from '../core/project/analysis';
import type { RowCountRequest } from '../core/rules/record';
import { withDatabase } from '../db/connect';
import { readAlembicVersion } from '../db/alembicVersion';
import { readVersionTable, type VersionTable } from '../core/history/versionTable';
import type { ProjectLocation } from '../core/project/discover';
import { countRowsAtRisk } from '../db/rowsAtRisk';
import { existsSync } from 'node:fs';
import { dialectOfUrl, sqliteFileOf } from '../core/project/database';
import { defaultPython } from '../db/alembicFallback';
import { SqliteConnection } from '../db/sqlite/driver';
import { readSqliteVersion } from '../db/sqlite/executor';
import { countSqliteRowsAtRisk } from '../db/sqlite/rowsAtRisk';
import { rowCountRequests } from '../core/rules';
import { redactSecrets } from '../core/redact';
import { DatabaseStatusRequest, DatabaseUrlNotification, type DatabaseStatusParams, type DatabaseStatusResult } from '../protocol';
import type { ServerContext } from './context';
import { sectionOfUri, uriToPath } from './uris';

export class DatabaseLink {
  private readonly urls = new Map<ProjectAnalysis, string>();
  private readonly running = new Map<ProjectAnalysis, Promise<void>>();
  /** Which findings the last row counts were for, so a recount happens only when they change. */
  private readonly countedFor = new Map<ProjectAnalysis, string>();
  /** What the last read of each project's database found (the client's Database view shows it). */
  private readonly statuses = new Map<ProjectAnalysis, DatabaseStatusResult>();

  constructor(private readonly ctx: ServerContext) {}

  setUrl(projects: ProjectAnalysis[], url: string | null): void {
    for (const project of projects) {
      this.countedFor.delete(project);
      this.statuses.delete(project);
      if (url === null) {
        this.urls.delete(project);
        project.setDatabaseState(null);
        this.ctx.debouncer.schedule(project);
      } else {
        project.setDialect(dialectOfUrl(url));
        this.urls.set(project, url);
        void this.refresh(project);
      }
    }
  }

  /** Called after each publish: recount when the set of risky findings changed. */
  maybeRefresh(project: ProjectAnalysis): void {
    if (!this.urls.has(project)) return;
    const key = this.findingKey(project);
    if (this.countedFor.get(project) === key) return;
    void this.refresh(project);
  }

  private findingKey(project: ProjectAnalysis): string {
    const result = project.result();
    return JSON.stringify([result.heads, rowCountRequests(result.findings)]);
  }

  /** Reads the project's database now (switching to `url` first if it had another) and says what it records. */
  async status(project: ProjectAnalysis, url: string): Promise<DatabaseStatusResult> {
    // A new URL starts a read now; a read already under way for the old state (before an upgrade the
    // caller just ran) is let finish, then the database is read again.
    if (this.urls.get(project) !== url) this.setUrl([project], url);
    else await this.running.get(project);
    await this.refresh(project);
    return this.statuses.get(project) ?? { connected: false, current: null, error: DATABASE_TEXT.unsupported(dialectOfUrl(url) ?? url.split(':')[0] ?? '') };
  }

  refresh(project: ProjectAnalysis): Promise<void> {
    const pending = this.running.get(project);
    if (pending) return pending;
    const run = this.load(project).finally(() => this.running.delete(project));
    this.running.set(project, run);
    return run;
  }

  private async load(project: ProjectAnalysis): Promise<void> {
    const url = this.urls.get(project);
    if (!url) return;
    const dialect = dialectOfUrl(url);
    if (dialect !== 'postgresql' && dialect !== 'sqlite') {
      project.setDatabaseState(null);
      this.ctx.debouncer.schedule(project);
      return;
    }
    const key = this.findingKey(project);
    const queries = rowCountRequests(project.result().findings);
    try {
      const state =
        dialect === 'sqlite'
          ? await sqliteState(project.location.root, url, queries, versionTableOf(project.location))
          : await withDatabase(
              url,
              async (client) => {
                const current = (await readAlembicVersion(client, versionTableOf(project.location))) ?? [];
                const rowCounts = [];
                for (const query of queries) {
                  const counted = await countRowsAtRisk(client, query);
                  rowCounts.push({
                    code: counted.code,
                    table: counted.table,
                    column: counted.column,
                    totalRows: counted.totalRows,
                    rowsAtRisk: counted.rowsAtRisk,
                    ...(counted.bytes !== undefined ? { bytes: counted.bytes } : {}),
                    ...(counted.estimated ? { estimated: true } : {}),
                    ...(counted.columns ? { columns: counted.columns } : {}),
                    problem: counted.problem,
                  });
                }
                return { current, rowCounts };
              },
              { connectTimeoutMs: 5000, applicationName: 'migration-guard-lsp' },
            );
      if (this.urls.get(project) !== url) return;
      this.countedFor.set(project, key);
      // A SQLite file not created yet records nothing: at base, as `current` says.
      this.statuses.set(project, { connected: true, current: state?.current ?? [], error: null });
      project.setDatabaseState(state);
    } catch (error) {
      this.countedFor.set(project, key);
      const reason = redactSecrets((error as Error).message);
      this.statuses.set(project, { connected: false, current: null, error: reason });
      this.ctx.log.warn(`Migration Guard: database not available for ${project.location.root}: ${reason}`);
      project.setDatabaseState(null);
    }
    this.ctx.debouncer.schedule(project);
  }
}

/** alembic_version and the row counts, read from a SQLite file through the project's Python (db/sqlite/driver.ts). */
/** Each discovered project's version table, read once (a changed env.py makes the server rediscover the folder). */
const versionTables = new WeakMap<ProjectLocation, VersionTable>();
function versionTableOf(location: ProjectLocation): VersionTable {
  let table = versionTables.get(location);
  if (!table) versionTables.set(location, (table = readVersionTable(location.root, location).table));
  return table;
}

async function sqliteState(root: string, url: string, queries: RowCountRequest[], versionTable: VersionTable): Promise<DatabaseState | null> {
  const file = sqliteFileOf(url, root, 'flask');
  if (file === null || !existsSync(file)) return null;
  const conn = await SqliteConnection.open(file, { python: defaultPython(root), busyTimeoutMs: 2000 });
  try {
    const current = (await readSqliteVersion(conn, versionTable)) ?? [];
    const rowCounts = [];
    for (const query of queries) {
      const counted = await countSqliteRowsAtRisk(conn, query);
      if (counted.problem === null)
        rowCounts.push({ code: counted.code, table: counted.table, column: counted.column, totalRows: counted.totalRows, rowsAtRisk: counted.rowsAtRisk });
    }
    return { current, rowCounts };
  } finally {
    await conn.close();
  }
}

const DATABASE_TEXT = {
  unsupported: (dialect: string) => l10n.t('Migration Guard reads PostgreSQL and SQLite databases; this URL is {0}', dialect),
  noProject: (uri: string) => l10n.t('no project at {0}', uri),
};

export function registerDatabase(ctx: ServerContext, ready: Promise<void>): DatabaseLink {
  const link = new DatabaseLink(ctx);
  ctx.database = link;
  ctx.connection.onNotification(DatabaseUrlNotification.method, ({ project, url }: { project?: string; url: string | null }) => {
    const hint = project === undefined ? undefined : (uriToPath(project) ?? undefined);
    const section = project === undefined ? undefined : sectionOfUri(project);
    const targets =
      hint === undefined ? ctx.workspace.projects() : [ctx.workspace.findProject(hint, section)].filter((p): p is ProjectAnalysis => p !== undefined);
    link.setUrl(targets, typeof url === 'string' && url.trim() !== '' ? url.trim() : null);
  });
  ctx.connection.onRequest(DatabaseStatusRequest.method, async ({ project, url }: DatabaseStatusParams): Promise<DatabaseStatusResult> => {
    await ready;
    const target = ctx.workspace.findProject(uriToPath(project) ?? undefined, sectionOfUri(project));
    if (!target) return { connected: false, current: null, error: DATABASE_TEXT.noProject(project) };
    return link.status(target, url.trim());
  });
  return link;
}
