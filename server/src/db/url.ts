// Where the database URL comes from, in the order a Flask-Migrate user expects:
// the editor setting (or --database-url), DATABASE_URL / SQLALCHEMY_DATABASE_URI from the environment
// or the project's .env / .flaskenv, then sqlalchemy.url in alembic.ini. SQLAlchemy URLs are turned
// into ones `pg` understands; passwords are only ever shown redacted.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redactSecrets } from '../core/redact';

export const URL_ENV_KEYS = ['DATABASE_URL', 'SQLALCHEMY_DATABASE_URI'] as const;

export interface ResolvedUrl {
  /** A `postgresql://` URL `pg` can connect with. */
  url: string;
  /** Human description of where it came from, e.g. ".env (DATABASE_URL)". */
  source: string;
}

export type UrlResult = { ok: true; value: ResolvedUrl } | { ok: false; message: string };

export interface ResolveOptions {
  /** The migrationGuard.databaseUrl setting, or --database-url. Wins over everything else. */
  explicit?: string | null;
  /** Label for the explicit value in messages (default "the migrationGuard.databaseUrl setting"). */
  explicitLabel?: string;
  /** The process environment (injected for tests). */
  env?: NodeJS.ProcessEnv;
}

/** Dialect prefixes SQLAlchemy accepts for PostgreSQL drivers; all mean the same server to `pg`. */
const POSTGRES_SCHEME = /^(postgres|postgresql)(\+[a-z0-9_]+)?:\/\//i;

/** "postgres://", "postgresql+psycopg2://", "postgresql+psycopg://"… → "postgresql://"; other dialects are refused. */
export function normalizeDatabaseUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'the database URL is empty' };
  if (!POSTGRES_SCHEME.test(text)) {
    const scheme = /^([a-z0-9+._-]+):/i.exec(text)?.[1] ?? text.slice(0, 20);
    return { ok: false, message: `only PostgreSQL databases are supported, not "${scheme}" (${redactSecrets(text)})` };
  }
  return { ok: true, url: text.replace(POSTGRES_SCHEME, 'postgresql://') };
}

/** Parses KEY=VALUE lines the way python-dotenv does for the common cases: export, quotes, comments, ${VAR}. */
export function parseDotenv(text: string, env: NodeJS.ProcessEnv = {}): Map<string, string> {
  const values = new Map<string, string>();
  const lookup = (name: string) => values.get(name) ?? env[name] ?? '';
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1] as string;
    let value = (match[2] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
      if (quote === "'") {
        values.set(key, value);
        continue;
      }
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    values.set(key, value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => lookup(name)));
  }
  return values;
}

function readIfExists(path: string): string | null {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  } catch {
    return null;
  }
}

/** sqlalchemy.url from the [alembic] section, with configparser's %(here)s and %% handled. */
export function alembicIniUrl(iniText: string, iniPath: string): string | null {
  let inAlembic = false;
  for (const line of iniText.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      inAlembic = (header[1] as string).trim() === 'alembic';
      continue;
    }
    if (!inAlembic || /^\s*[#;]/.test(line)) continue;
    const pair = /^\s*sqlalchemy\.url\s*[=:]\s*(.*)$/i.exec(line);
    if (pair) {
      const value = (pair[1] as string).trim().replace(/%\(here\)s/g, dirname(iniPath)).replace(/%%/g, '%');
      return value === '' || value.includes('driver://') ? null : value;
    }
  }
  return null;
}

function accept(raw: string, source: string): UrlResult {
  const normalized = normalizeDatabaseUrl(raw);
  if (!normalized.ok) return { ok: false, message: `${source}: ${normalized.message}` };
  return { ok: true, value: { url: normalized.url, source } };
}

/**
 * The database URL for a project, or why there is none. Returns ok:false with a message listing
 * every place looked at when nothing is configured.
 */
export function resolveDatabaseUrl(projectDir: string, opts: ResolveOptions = {}): UrlResult {
  if (opts.explicit && opts.explicit.trim() !== '') {
    return accept(opts.explicit, opts.explicitLabel ?? 'the migrationGuard.databaseUrl setting');
  }
  const env = opts.env ?? process.env;
  for (const key of URL_ENV_KEYS) {
    const value = env[key];
    if (value && value.trim() !== '') return accept(value, `the environment (${key})`);
  }
  for (const file of ['.env', '.flaskenv']) {
    const text = readIfExists(join(projectDir, file));
    if (text === null) continue;
    const values = parseDotenv(text, env);
    for (const key of URL_ENV_KEYS) {
      const value = values.get(key);
      if (value && value.trim() !== '') return accept(value, `${file} (${key})`);
    }
  }
  for (const ini of ['alembic.ini', join('migrations', 'alembic.ini')]) {
    const path = join(projectDir, ini);
    const text = readIfExists(path);
    const value = text === null ? null : alembicIniUrl(text, path);
    if (value) return accept(value, `${ini} (sqlalchemy.url)`);
  }
  return {
    ok: false,
    message:
      'no database URL: set migrationGuard.databaseUrl (or pass --database-url), or define DATABASE_URL / ' +
      'SQLALCHEMY_DATABASE_URI in the environment, .env or .flaskenv, or sqlalchemy.url in alembic.ini',
  };
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
