// Opening "the project's database": the configured URL when there is one, otherwise the embedded
// PGlite under DIR/.migration-guard/ (so everything works with no PostgreSQL server at all).
import type { Client } from 'pg';
import { isProjectDir } from '../core/project/toolDir';
import { connectDatabase, DatabaseConnectError, type ConnectOptions } from './connect';
import type { Reason } from '../core/reasons';
import { projectDataDir, startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { describeUrl, resolveDatabaseUrl } from './url';
import * as l10n from '@vscode/l10n';

/** Values of --database-url / the setting that ask for the embedded database explicitly. */
const EMBEDDED_WORDS = new Set(['embedded', 'pglite', 'pglite://', 'pglite:']);

/** User-facing texts of this module. */
export const SESSION_MESSAGES = {
  embedded: (dataDir: string | null, why: string) =>
    dataDir
      ? l10n.t("embedded scratch database (not your app's database): PGlite in {0} ({1})", dataDir, why)
      : l10n.t("embedded scratch database (not your app's database): PGlite (in memory) ({0})", why),
  notAProject: (dir: string) =>
    l10n.t('{0} is not an Alembic project (no alembic.ini, no migrations/env.py) and no database is configured; nothing was opened or created', dir),
  notPostgres: (file: string, source: string) =>
    l10n.t(
      "the project's database is the SQLite file {0} (from {1}); this command works on PostgreSQL only, and the embedded database does not stand in for it",
      file,
      source,
    ),
  get explicit() {
    return l10n.t('asked for explicitly');
  },
  get noUrl() {
    return l10n.t('no database URL is configured');
  },
  inMemoryOnly: (inMemory: string) => l10n.t('{0}; no other database is configured', inMemory),
  described: (where: string, source: string) => l10n.t('{0} (from {1})', where, source),
};

export interface DatabaseSession {
  client: Client;
  /** Where the connection goes and why, without a password: "app@db:5432/shop (from .env (DATABASE_URL))". */
  description: string;
  /** The URL (with its password) for tools that need it, e.g. the Alembic fallback. Never print it. */
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface SessionOptions extends ConnectOptions {
  /** --database-url or the migrationGuard.databaseUrl setting. */
  databaseUrl?: string | null;
  explicitLabel?: string;
  env?: NodeJS.ProcessEnv;
  /** alembic.ini's section whose sqlalchemy.url counts (`--name`). */
  iniSection?: string;
  /** Use an in-memory PGlite instead of the project's persistent one when falling back to embedded. */
  scratch?: boolean;
}

export type SessionResult = { ok: true; session: DatabaseSession } | { ok: false; message: string; reason?: Reason };

async function embeddedSession(projectDir: string, opts: SessionOptions, why: string): Promise<DatabaseSession> {
  const dataDir = opts.scratch ? null : projectDataDir(projectDir);
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir });
  try {
    const client = await connectDatabase(embedded.url, opts);
    return {
      client,
      url: embedded.url,
      embedded: true,
      description: SESSION_MESSAGES.embedded(dataDir, why),
      async close() {
        await client.end().catch(() => undefined);
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

/** Connects to the project's database; connection problems come back as a message, never thrown. */
export async function openProjectDatabase(projectDir: string, opts: SessionOptions = {}): Promise<SessionResult> {
  try {
    if (opts.databaseUrl && EMBEDDED_WORDS.has(opts.databaseUrl.trim().toLowerCase())) {
      return { ok: true, session: await embeddedSession(projectDir, opts, SESSION_MESSAGES.explicit) };
    }
    const resolved = resolveDatabaseUrl(projectDir, {
      ...(opts.databaseUrl !== undefined ? { explicit: opts.databaseUrl } : {}),
      ...(opts.explicitLabel ? { explicitLabel: opts.explicitLabel } : {}),
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.iniSection !== undefined ? { iniSection: opts.iniSection } : {}),
    });
    if (!resolved.ok) {
      if (resolved.none) {
        if (!opts.scratch && !isProjectDir(projectDir)) return { ok: false, message: SESSION_MESSAGES.notAProject(projectDir) };
        return {
          ok: true,
          session: await embeddedSession(projectDir, opts, resolved.inMemory ? SESSION_MESSAGES.inMemoryOnly(resolved.inMemory) : SESSION_MESSAGES.noUrl),
        };
      }
      return { ok: false, message: resolved.message };
    }
    if (resolved.value.dialect !== 'postgresql') {
      return { ok: false, message: SESSION_MESSAGES.notPostgres(resolved.value.sqlitePath ?? resolved.value.url, resolved.value.source) };
    }
    const client = await connectDatabase(resolved.value.url, opts);
    return {
      ok: true,
      session: {
        client,
        url: resolved.value.url,
        embedded: false,
        description: SESSION_MESSAGES.described(describeUrl(resolved.value.url), resolved.value.source),
        close: () => client.end().catch(() => undefined),
      },
    };
  } catch (error) {
    return { ok: false, message: (error as Error).message, ...(error instanceof DatabaseConnectError ? { reason: error.reason } : {}) };
  }
}
