// The database a revision body is read for. Alembic runs `if op.get_bind().dialect.name == "sqlite":`
// against the database the project migrates, so the replay reads dialect tests for the project's
// configured dialect; PostgreSQL when nothing is configured (and the notes say so).
import type { Dialect } from '../../project/database';

export type ReplayDialect = 'postgresql' | 'sqlite' | 'mysql';

/** The reading for a project's dialect; a database Migration Guard cannot name (oracle, mssql) is read as PostgreSQL, as before. */
export function replayDialectOf(dialect: Dialect | undefined): ReplayDialect {
  return dialect === 'sqlite' || dialect === 'mysql' ? dialect : 'postgresql';
}

/** What `dialect.name` and `dialect.driver` can be for each target (SQLAlchemy's dialect and DBAPI names). */
export const DIALECT_NAMES: Record<ReplayDialect, ReadonlySet<string>> = {
  postgresql: new Set(['postgresql', 'postgres', 'psycopg2', 'psycopg', 'asyncpg', 'pg8000', 'psycopg2cffi']),
  sqlite: new Set(['sqlite', 'pysqlite', 'aiosqlite', 'pysqlcipher', 'sqlite3']),
  mysql: new Set(['mysql', 'mariadb', 'mysqldb', 'pymysql', 'mysqlconnector', 'aiomysql', 'asyncmy', 'mariadbconnector', 'cymysql']),
};

/** The URL scheme each target's URL starts with (`url.startswith("sqlite")`). */
export const DIALECT_SCHEMES: Record<ReplayDialect, readonly string[]> = {
  postgresql: ['postgresql'],
  sqlite: ['sqlite'],
  mysql: ['mysql', 'mariadb'],
};

/**
 * Whether a revision's text may hold a dialect test the replay reads (every test conditions.ts
 * evaluates names a dialect, an engine, get_bind or a URL). Only such files are read apart per dialect.
 */
export function mayTestDialect(text: string): boolean {
  return /dialect|engine|get_bind|url/i.test(text);
}

/**
 * The text a revision's parse is cached under: the file's own, plus the dialect when it is not
 * PostgreSQL (the reading every earlier build cached) and the reading may depend on it.
 */
export function dialectCacheText(text: string, dialect: ReplayDialect | undefined): string {
  if (!dialect || dialect === 'postgresql' || !mayTestDialect(text)) return text;
  return `${text}\u0000dialect:${dialect}`;
}
