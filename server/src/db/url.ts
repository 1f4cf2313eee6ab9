// Where the database URL comes from, in the order a Flask-Migrate user expects (the editor setting
// or --database-url, the app's SQLALCHEMY_DATABASE_URI, DATABASE_URL / SQLALCHEMY_DATABASE_URI from
// the environment, .env / .flaskenv, then sqlalchemy.url in alembic.ini: core/project/database.ts).
// PostgreSQL URLs are turned into ones `pg` understands; passwords are only ever shown redacted.
import { resolveDatabaseTarget, type Dialect } from '../core/project/database';
import { redactSecrets } from '../core/redact';
import * as l10n from '@vscode/l10n';

export { URL_ENV_KEYS, alembicIniUrl, parseDotenv } from '../core/project/database';

export interface ResolvedUrl {
  /** A `postgresql://` URL `pg` can connect with, or `sqlite:///<absolute path>`. */
  url: string;
  /** Human description of where it came from, e.g. ".env (DATABASE_URL)". */
  source: string;
  dialect: Dialect;
  /** The SQLite file, absolute. */
  sqlitePath?: string;
}

export type UrlResult =
  | { ok: true; value: ResolvedUrl }
  /** `none`: nothing is configured anywhere (the embedded database may stand in, and says so). */
  | { ok: false; message: string; none?: true; inMemory?: string };

export interface ResolveOptions {
  /** The migrationGuard.databaseUrl setting, or --database-url. Wins over everything else. */
  explicit?: string | null;
  /** Label for the explicit value in messages (default "the migrationGuard.databaseUrl setting"). */
  explicitLabel?: string;
  /** The process environment (injected for tests). */
  env?: NodeJS.ProcessEnv;
  /** alembic.ini's section whose sqlalchemy.url counts (`--name`). */
  iniSection?: string;
}

/** Dialect prefixes SQLAlchemy accepts for PostgreSQL drivers; all mean the same server to `pg`. */
const POSTGRES_SCHEME = /^(postgres|postgresql)(\+[a-z0-9_]+)?:\/\//i;

/** "postgres://", "postgresql+psycopg2://", "postgresql+psycopg://"… → "postgresql://"; other dialects are refused. */
export function normalizeDatabaseUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, message: l10n.t('the database URL is empty') };
  if (!POSTGRES_SCHEME.test(text)) {
    const scheme = /^([a-z0-9+._-]+):/i.exec(text)?.[1] ?? text.slice(0, 20);
    return { ok: false, message: l10n.t('only PostgreSQL databases are supported, not "{0}" ({1})', scheme, redactSecrets(text)) };
  }
  return { ok: true, url: text.replace(POSTGRES_SCHEME, 'postgresql://') };
}

function accept(raw: string, source: string): UrlResult {
  const normalized = normalizeDatabaseUrl(raw);
  if (!normalized.ok) return { ok: false, message: `${source}: ${normalized.message}` };
  return { ok: true, value: { url: normalized.url, source, dialect: 'postgresql' } };
}

/**
 * The database URL for a project, or why there is none (see core/project/database.ts for the
 * order). PostgreSQL URLs come back as postgresql://, SQLite files as sqlite:///<absolute path>;
 * MySQL and other dialects are refused with a message naming them and the Alembic fallback.
 */
export function resolveDatabaseUrl(projectDir: string, opts: ResolveOptions = {}): UrlResult {
  const result = resolveDatabaseTarget(projectDir, opts);
  if (result.ok) {
    const { target } = result;
    if (target.dialect === 'postgresql') return accept(target.url, target.source);
    return {
      ok: true,
      value: { url: target.url, source: target.source, dialect: target.dialect, ...(target.sqlitePath ? { sqlitePath: target.sqlitePath } : {}) },
    };
  }
  if (result.reason === 'none') return { ok: false, message: result.message, none: true, ...(result.inMemory ? { inMemory: result.inMemory } : {}) };
  return { ok: false, message: result.message };
}

/** host:port/database of a URL, for messages (never the password). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return redactSecrets(url);
  }
}
