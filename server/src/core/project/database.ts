// Which database a project uses, and so its dialect, found where Flask and Alembic read it: the
// editor setting (or --database-url), SQLALCHEMY_DATABASE_URI in the app's config (config.py,
// app.py...) evaluated with the environment, DATABASE_URL / SQLALCHEMY_DATABASE_URI in the
// environment, .env or .flaskenv, then sqlalchemy.url in alembic.ini. Pure: no driver, no connection.
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { redactSecrets } from '../redact';
import { findConfiguredUri } from './flaskConfig';

export type Dialect = 'postgresql' | 'sqlite' | 'mysql' | 'other';

export interface DatabaseTarget {
  dialect: Dialect;
  /** postgresql:// for PostgreSQL, sqlite:///<absolute path> for a SQLite file; the raw URL otherwise. */
  url: string;
  /** Where it came from, e.g. "config.py:12 (SQLALCHEMY_DATABASE_URI, from DATABASE_URL)". */
  source: string;
  /** The SQLite file (absolute). */
  sqlitePath?: string;
  /** The scheme as written ("mysql+pymysql"), for messages. */
  scheme: string;
}

export const URL_ENV_KEYS = ['DATABASE_URL', 'SQLALCHEMY_DATABASE_URI'] as const;

export type TargetResult =
  | { ok: true; target: DatabaseTarget }
  /** Nothing is configured anywhere (`inMemory` says the app itself uses an in-memory SQLite database). */
  | { ok: false; reason: 'none'; message: string; inMemory?: string }
  | { ok: false; reason: 'invalid'; message: string }
  /** `dialect`: the database named (mysql, or other), for what the replay reads dialect tests as. */
  | { ok: false; reason: 'unsupported'; message: string; dialect?: Dialect };

export interface TargetOptions {
  explicit?: string | null;
  explicitLabel?: string;
  env?: NodeJS.ProcessEnv;
  /** alembic.ini's section whose sqlalchemy.url counts (`--name`); default [alembic]. */
  iniSection?: string;
}

/** User-facing texts of this module (kept together for localization). */
export const DATABASE_MESSAGES = {
  get empty() {
    return l10n.t('the database URL is empty');
  },
  get none() {
    return l10n.t(
      'no database URL: set migrationGuard.databaseUrl (or pass --database-url), or define DATABASE_URL / SQLALCHEMY_DATABASE_URI in the environment, .env or .flaskenv, SQLALCHEMY_DATABASE_URI in config.py, or sqlalchemy.url in alembic.ini',
    );
  },
  mysql: (scheme: string, where: string) =>
    l10n.t(
      "{0} configures a MySQL/MariaDB database ({1}), which Migration Guard does not support yet. Run the project's own Alembic instead (`flask db upgrade`, or `alembic upgrade head`); warnings in the editor still work.",
      where,
      scheme,
    ),
  other: (scheme: string, where: string) =>
    l10n.t(
      '{0} configures a "{1}" database, which Migration Guard does not support (PostgreSQL and SQLite are). Run the project\'s own Alembic instead (`flask db upgrade`, or `alembic upgrade head`).',
      where,
      scheme,
    ),
  inMemory: (where: string) => l10n.t('{0} uses an in-memory SQLite database (sqlite://), which holds nothing between runs', where),
  get settingLabel() {
    return l10n.t('the migrationGuard.databaseUrl setting');
  },
};

const POSTGRES_SCHEME = /^(postgres|postgresql)(\+[a-z0-9_]+)?:\/\//i;
const SCHEME = /^([a-z][a-z0-9+._-]*):\/\//i;

/** The dialect a SQLAlchemy URL names: postgresql+psycopg2 → postgresql, sqlite+pysqlite → sqlite... */
export function dialectOfUrl(url: string): Dialect {
  const scheme = (SCHEME.exec(url.trim())?.[1] ?? '').toLowerCase().split('+')[0] ?? '';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgresql';
  if (scheme === 'sqlite') return 'sqlite';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  return 'other';
}

/**
 * The file of a sqlite:// URL, or null for an in-memory database. Relative paths follow the reader:
 * Flask-SQLAlchemy 3 puts them in the app's instance/ folder (2.x in the app folder), Alembic's
 * alembic.ini in the directory it runs from; an existing file wins.
 */
export function sqliteFileOf(url: string, projectDir: string, relativeTo: 'flask' | 'cwd'): string | null {
  const rest = url.trim().replace(/^sqlite(\+[a-z0-9_]+)?:\/\//i, '');
  if (rest === '' || rest === '/' || rest === '/:memory:' || rest.startsWith('/file::memory:')) return null;
  if (!rest.startsWith('/')) return null;
  const file = decodeURIComponent(rest.slice(1).replace(/\?.*$/, ''));
  if (file === '' || file === ':memory:') return null;
  if (path.isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) return path.normalize(file);
  const inRoot = path.join(projectDir, file);
  const inInstance = path.join(projectDir, 'instance', file);
  if (relativeTo === 'cwd') return inRoot;
  if (existsSync(inInstance)) return inInstance;
  if (existsSync(inRoot)) return inRoot;
  return inInstance;
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
    values.set(
      key,
      value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => lookup(name)),
    );
  }
  return values;
}

/** sqlalchemy.url from the [alembic] section (or `section`, chosen with --name), with configparser's %(here)s and %% handled. */
export function alembicIniUrl(iniText: string, iniPath: string, section = 'alembic'): string | null {
  let inAlembic = false;
  for (const line of iniText.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      inAlembic = (header[1] as string).trim() === section;
      continue;
    }
    if (!inAlembic || /^\s*[#;]/.test(line)) continue;
    const pair = /^\s*sqlalchemy\.url\s*[=:]\s*(.*)$/i.exec(line);
    if (pair) {
      const value = (pair[1] as string)
        .trim()
        .replace(/%\(here\)s/g, path.dirname(iniPath))
        .replace(/%%/g, '%');
      return value === '' || value.includes('driver://') ? null : value;
    }
  }
  return null;
}

function readIfExists(file: string): string | null {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** Turns a raw URL into a target, or says why it can't be used. */
export function targetOf(raw: string, source: string, projectDir: string, relativeTo: 'flask' | 'cwd'): TargetResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'invalid', message: `${source}: ${DATABASE_MESSAGES.empty}` };
  const scheme = SCHEME.exec(text)?.[1] ?? text.slice(0, 20);
  const dialect = dialectOfUrl(text);
  if (dialect === 'postgresql') return { ok: true, target: { dialect, url: text.replace(POSTGRES_SCHEME, 'postgresql://'), source, scheme } };
  if (dialect === 'sqlite') {
    const file = sqliteFileOf(text, projectDir, relativeTo);
    if (file === null) return { ok: false, reason: 'none', message: DATABASE_MESSAGES.none, inMemory: DATABASE_MESSAGES.inMemory(source) };
    return { ok: true, target: { dialect, url: `sqlite:///${file}`, source, sqlitePath: file, scheme } };
  }
  const where = redactSecrets(source);
  return {
    ok: false,
    reason: 'unsupported',
    dialect,
    message: dialect === 'mysql' ? DATABASE_MESSAGES.mysql(scheme, where) : DATABASE_MESSAGES.other(scheme, where),
  };
}

/** process env over .env over .flaskenv, as `flask` loads them (python-dotenv never overrides). */
export function flaskEnvironment(projectDir: string, env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {};
  for (const file of ['.flaskenv', '.env']) {
    const text = readIfExists(path.join(projectDir, file));
    if (text !== null) for (const [k, v] of parseDotenv(text, env)) merged[k] = v;
  }
  return { ...merged, ...env };
}

/** The project's database, or why there is none. Never throws. */
export function resolveDatabaseTarget(projectDir: string, opts: TargetOptions = {}): TargetResult {
  if (opts.explicit && opts.explicit.trim() !== '') {
    return targetOf(opts.explicit, opts.explicitLabel ?? DATABASE_MESSAGES.settingLabel, projectDir, 'flask');
  }
  const env = opts.env ?? process.env;
  let inMemory: string | undefined;
  const consider = (raw: string, source: string, relativeTo: 'flask' | 'cwd'): TargetResult | null => {
    const result = targetOf(raw, source, projectDir, relativeTo);
    if (!result.ok && result.reason === 'none') {
      inMemory ??= result.inMemory;
      return null;
    }
    return result;
  };
  const config = findConfiguredUri(projectDir, flaskEnvironment(projectDir, env));
  if (config && 'found' in config) {
    const { file, line, fromEnv } = config.found;
    const found = consider(
      config.found.uri,
      fromEnv ? l10n.t('{0}:{1} (SQLALCHEMY_DATABASE_URI, from {2})', file, line, fromEnv) : `${file}:${line} (SQLALCHEMY_DATABASE_URI)`,
      'flask',
    );
    if (found) return found;
  }
  for (const key of URL_ENV_KEYS) {
    const value = env[key];
    const found = value && value.trim() !== '' ? consider(value, l10n.t('the environment ({0})', key), 'flask') : null;
    if (found) return found;
  }
  for (const file of ['.env', '.flaskenv']) {
    const text = readIfExists(path.join(projectDir, file));
    if (text === null) continue;
    const values = parseDotenv(text, env);
    for (const key of URL_ENV_KEYS) {
      const value = values.get(key);
      const found = value && value.trim() !== '' ? consider(value, `${file} (${key})`, 'flask') : null;
      if (found) return found;
    }
  }
  for (const ini of ['alembic.ini', path.join('migrations', 'alembic.ini')]) {
    const iniPath = path.join(projectDir, ini);
    const text = readIfExists(iniPath);
    const value = text === null ? null : alembicIniUrl(text, iniPath, opts.iniSection);
    const found = value ? consider(value, `${ini} (sqlalchemy.url)`, 'cwd') : null;
    if (found) return found;
  }
  return { ok: false, reason: 'none', message: DATABASE_MESSAGES.none, ...(inMemory ? { inMemory } : {}) };
}

/** "SQLite file instance/app.db", "PostgreSQL", for the Database view and status bar. */
export function dialectLabel(dialect: Dialect): string {
  return { postgresql: 'PostgreSQL', sqlite: 'SQLite', mysql: 'MySQL/MariaDB', other: l10n.t('unsupported database') }[dialect];
}

/** The dialect revisions are written for: the configured database's, PostgreSQL when none is configured. */
export function projectDialect(projectDir: string, opts: TargetOptions = {}): Dialect {
  return projectDialectInfo(projectDir, opts).dialect;
}

/** The project's dialect, and whether a database is configured at all (`configured: false`: PostgreSQL is assumed). */
export function projectDialectInfo(projectDir: string, opts: TargetOptions = {}): { dialect: Dialect; configured: boolean } {
  const result = resolveDatabaseTarget(projectDir, opts);
  if (result.ok) return { dialect: result.target.dialect, configured: true };
  if (result.reason === 'unsupported') return { dialect: result.dialect ?? 'other', configured: true };
  // An in-memory SQLite default (sqlite://, "nothing between runs") is a placeholder, not the database revisions run on.
  return { dialect: 'postgresql', configured: false };
}
