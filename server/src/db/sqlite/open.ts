// Which SQLite file a command works on (the project's configured database, when it is one), and
// opening it through the driver with the project's Python.
import { resolveDatabaseTarget } from '../../core/project/database';
import { defaultPython } from '../alembicFallback';
import { SqliteConnection } from './driver';
import * as l10n from '@vscode/l10n';

export interface SqliteTarget {
  file: string;
  /** "config.py:7 (SQLALCHEMY_DATABASE_URI)" */
  source: string;
}

export interface SqliteTargetOptions {
  databaseUrl?: string | null;
  explicitLabel?: string;
  env?: NodeJS.ProcessEnv;
  /** alembic.ini's section whose sqlalchemy.url counts (`--name`). */
  iniSection?: string;
}

/** The project's SQLite file, or null when its database is not SQLite (or none is configured). */
export function sqliteTargetOf(dir: string, opts: SqliteTargetOptions): SqliteTarget | null {
  const result = resolveDatabaseTarget(dir, {
    ...(opts.databaseUrl !== undefined ? { explicit: opts.databaseUrl } : {}),
    ...(opts.explicitLabel ? { explicitLabel: opts.explicitLabel } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.iniSection !== undefined ? { iniSection: opts.iniSection } : {}),
  });
  return result.ok && result.target.dialect === 'sqlite' && result.target.sqlitePath ? { file: result.target.sqlitePath, source: result.target.source } : null;
}

export function describeSqlite(target: SqliteTarget): string {
  return l10n.t('SQLite file {0} (from {1})', target.file, target.source);
}

export function openSqliteTarget(
  dir: string,
  target: SqliteTarget,
  opts: { python?: string | null; busyTimeoutMs?: number; create?: boolean },
): Promise<SqliteConnection> {
  return SqliteConnection.open(target.file, {
    python: opts.python ?? defaultPython(dir),
    ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}),
    ...(opts.create ? { create: true } : {}),
  });
}
