// Reads a live SQLite schema (sqlite_master and PRAGMA table_info / index_list / index_xinfo /
// foreign_key_list) into the engine's Schema, so `drift` and `roundtrip` work on SQLite files.
// SQLite keeps types as declared (VARCHAR(20), DATETIME), so the two sides are compared in SQLite's
// spelling: `sqliteView` turns the replayed (PostgreSQL-spelled) schema into what SQLAlchemy and
// Alembic write on SQLite, and both sides go through the same normalization.
import type { RevisionGraph } from '../../core/history/graph';
import type { CheckSchema, ColumnSchema, Schema, TableSchema } from '../../core/schema/types';
import { emptyTable } from '../../core/schema/types';
import { tableKey } from '../../core/schema/tableKey';
import { sqliteType } from '../../core/schema/sqliteTypes';
import { ALEMBIC_VERSION_TABLE } from '../introspect';
import { sqliteDefault } from './ddl';
import { sqliteIdent as q, type SqliteConnection, type SqliteValue } from './driver';

const text = (v: SqliteValue | undefined) => (v === null || v === undefined ? null : typeof v === 'object' ? null : String(v));

/**
 * One spelling for a SQLite default: PRAGMA table_info prints `DEFAULT (CURRENT_TIMESTAMP)` without
 * its parentheses, and a number is the same default quoted or not (the replay cannot tell
 * `server_default='0'` from `sa.text('0')`; SQLite compares them equal in a column of numeric affinity).
 */
export function normalizeSqliteDefault(value: string | null): string | null {
  if (value === null) return null;
  let v = value.trim();
  while (/^\(.*\)$/s.test(v) && balanced(v.slice(1, -1))) v = v.slice(1, -1).trim();
  const quotedNumber = /^'(-?\d+(?:\.\d+)?)'$/.exec(v);
  if (quotedNumber) v = quotedNumber[1] as string;
  if (/^current_timestamp$/i.test(v)) v = 'CURRENT_TIMESTAMP';
  if (/^(true|false)$/i.test(v)) v = v.toLowerCase() === 'true' ? '1' : '0';
  return v;
}

function balanced(inner: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (const ch of inner) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** "varchar (20)" and "VARCHAR(20)" are one declared type. */
export function normalizeSqliteType(type: string): string {
  return type
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s*\)/g, ')');
}

/**
 * Enum labels of add_column(sa.Enum(...)) columns no op creates a type for: on SQLite they size the
 * column's VARCHAR, but the replay (PostgreSQL's view) has no enum type to read them from.
 */
export function addedEnumLabels(graph: RevisionGraph): Record<string, string[]> {
  const labels: Record<string, string[]> = {};
  for (const revision of graph.revisions.values())
    for (const op of [...revision.upgrade.ops, ...revision.downgrade.ops])
      if (op.kind === 'addColumn' && op.enumLabels && !labels[op.column.type]) labels[op.column.type] = [...op.enumLabels];
  return labels;
}

/** The replayed schema as SQLite stores it: SQLite's type names, its defaults, no enum types, primary keys NOT NULL. */
export function sqliteView(schema: Schema, extraEnums: Record<string, string[]> = {}): Schema {
  const enums = { ...extraEnums, ...schema.enums };
  const tables: Record<string, TableSchema> = {};
  for (const [name, table] of Object.entries(schema.tables)) {
    const pk = new Set(table.primaryKey?.columns ?? []);
    const columns: Record<string, ColumnSchema> = {};
    for (const [column, def] of Object.entries(table.columns)) {
      columns[column] = {
        type: normalizeSqliteType(sqliteType(def.type, enums)),
        nullable: def.nullable && !pk.has(column),
        default: normalizeSqliteDefault(sqliteDefault(def.default)),
      };
    }
    tables[name] = { ...structuredClone(table), columns };
  }
  return { tables, enums: {} };
}

/** The CHECK constraints written in a CREATE TABLE statement (SQLite has no PRAGMA for them). */
export function checksOf(createSql: string): CheckSchema[] {
  const checks: CheckSchema[] = [];
  let quote: string | null = null;
  for (let i = 0; i < createSql.length; i++) {
    const ch = createSql[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      continue;
    }
    if (ch === '[') {
      quote = ']';
      continue;
    }
    const word = /^CHECK\s*\(/i.exec(createSql.slice(i, i + 12));
    if (!word || /[A-Za-z0-9_]/.test(createSql[i - 1] ?? ' ')) continue;
    const open = i + word[0].length - 1;
    const close = matchingParen(createSql, open);
    if (close < 0) break;
    const named = /CONSTRAINT\s+("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)\s*$/i.exec(createSql.slice(0, i));
    const name = named ? (named[1] as string).replace(/^"|"$/g, '').replace(/""/g, '"') : `check_${checks.length + 1}`;
    checks.push({ name, expression: createSql.slice(open + 1, close).trim() });
    i = close;
  }
  return checks;
}

function matchingParen(sql: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The key expressions of an index as written in its CREATE INDEX, for entries PRAGMA gives no name. */
function indexExpressions(createSql: string | null): string[] {
  if (!createSql) return [];
  const open = createSql.indexOf('(', createSql.search(/\bON\b/i));
  const close = open < 0 ? -1 : matchingParen(createSql, open);
  if (close < 0) return [];
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const ch = createSql[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(createSql.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(createSql.slice(start, close).trim());
  return parts;
}

async function readTable(conn: SqliteConnection, name: string, createSql: string, indexSql: Map<string, string | null>): Promise<TableSchema> {
  const table = emptyTable();
  const info = await conn.query(`PRAGMA table_info(${q(name)})`);
  const pk: [number, string][] = [];
  for (const [, column, type, notNull, dflt, pkOrder] of info.rows) {
    const columnName = String(column);
    if (Number(pkOrder) > 0) pk.push([Number(pkOrder), columnName]);
    table.columns[columnName] = {
      type: normalizeSqliteType(text(type) ?? ''),
      nullable: Number(notNull) === 0 && Number(pkOrder) === 0,
      default: normalizeSqliteDefault(text(dflt)),
    };
  }
  if (pk.length > 0) table.primaryKey = { name: `${name}_pkey`, columns: pk.sort((a, b) => a[0] - b[0]).map(([, c]) => c) };

  const indexes = await conn.query(`PRAGMA index_list(${q(name)})`);
  for (const [, indexName, unique, origin] of indexes.rows) {
    const iname = String(indexName);
    if (origin === 'pk') continue;
    const keys = await conn.query(`PRAGMA index_xinfo(${q(iname)})`);
    const expressions = indexExpressions(indexSql.get(iname) ?? null);
    const columns = keys.rows.filter((r) => Number(r[5]) === 1).map((r, i) => text(r[2]) ?? expressions[i] ?? '?');
    if (origin === 'u') table.uniques.push({ name: iname, columns });
    else table.indexes.push({ name: iname, columns, unique: Number(unique) === 1 });
  }

  const fks = await conn.query(`PRAGMA foreign_key_list(${q(name)})`);
  const byId = new Map<number, { refTable: string; from: string[]; to: (string | null)[]; onDelete: string }>();
  for (const [id, , refTable, from, to, , onDelete] of fks.rows) {
    const entry = byId.get(Number(id)) ?? { refTable: String(refTable), from: [], to: [], onDelete: String(onDelete) };
    entry.from.push(String(from));
    entry.to.push(text(to));
    byId.set(Number(id), entry);
  }
  for (const [id, fk] of [...byId].sort((a, b) => a[0] - b[0])) {
    // REFERENCES t without a column list means t's primary key.
    let refColumns = fk.to as string[];
    if (fk.to.some((c) => c === null)) {
      const refInfo = await conn.query(`PRAGMA table_info(${q(fk.refTable)})`);
      refColumns = refInfo.rows
        .filter((r) => Number(r[5]) > 0)
        .sort((a, b) => Number(a[5]) - Number(b[5]))
        .map((r) => String(r[1]));
    }
    table.foreignKeys.push({
      name: `${name}_fk_${id}`,
      columns: fk.from,
      refTable: tableKey(fk.refTable, null),
      refColumns,
      onDelete: fk.onDelete === 'NO ACTION' || fk.onDelete === '' ? null : fk.onDelete,
    });
  }
  table.checks = checksOf(createSql);
  return table;
}

/** The live schema of a SQLite file, without alembic_version and SQLite's own tables. */
export async function introspectSqlite(conn: SqliteConnection, versionTable: string = ALEMBIC_VERSION_TABLE): Promise<Schema> {
  const master = await conn.query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name");
  const indexSql = new Map<string, string | null>();
  const tables: [string, string][] = [];
  for (const [type, name, , sql] of master.rows) {
    const n = String(name);
    if (type === 'index') indexSql.set(n, text(sql));
    else if (!n.startsWith('sqlite_') && n !== versionTable) tables.push([n, text(sql) ?? '']);
  }
  const schema: Schema = { tables: {}, enums: {} };
  // Keyed as the replay keys a default-schema table (a name holding a dot is quoted: schema/tableKey.ts).
  for (const [name, sql] of tables) schema.tables[tableKey(name, null)] = await readTable(conn, name, sql, indexSql);
  return schema;
}
