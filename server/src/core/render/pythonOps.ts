// Migration ops → the Python lines of an Alembic revision body, as Alembic autogenerate writes
// them: op.create_table(...), op.add_column(...), op.f('ix_user_email'); with render_as_batch the ops
// on an existing table go in `with op.batch_alter_table('t', schema=None) as batch_op:` blocks.
// Enum types go through op.execute (works offline with --sql too); an op with a type SQLAlchemy
// cannot spell here is written as op.execute of its SQL.
import type { AlterColumnOp, ColumnDef, CreateTableOp, MigrationOp } from '../schema/ops';
import type { Dialect } from '../project/database';
import type { ColumnSchema, Schema } from '../schema/types';
import { pyStr } from './mako';
import { enumNameArgs, pythonType } from './pythonTypes';
import { SqlRenderer, opsToSql } from './sql';
import { sequenceOfDefault } from './sqlNames';
import { splitTableKey } from '../schema/tableKey';

export interface PythonRendering {
  lines: string[];
  /** `from sqlalchemy.dialects import postgresql` is needed. */
  usesPostgresql: boolean;
  /** Types the models could not resolve, written as the model spells them (their imports are the reader's job). */
  unresolvedTypes: string[];
}

class Unrepresentable extends Error {}

class Writer {
  usesPostgresql = false;
  constructor(
    private readonly enums: Record<string, string[]>,
    private readonly dialect: Dialect,
  ) {}

  readonly unresolvedTypes = new Set<string>();

  type(type: string): string {
    if (type.startsWith('?')) {
      // The model's own type expression, as written there: Alembic writes custom types the same way.
      this.unresolvedTypes.add(type.slice(1));
      return type.slice(1);
    }
    const labels = this.enums[type];
    // On SQLite an enum is a VARCHAR of the column's own: sa.Enum, as flask db migrate writes it.
    if (this.dialect === 'sqlite' && labels) return `sa.Enum(${[...labels.map(pyStr), ...enumNameArgs(type, pyStr)].join(', ')})`;
    const rendered = pythonType(type, this.enums, pyStr);
    if (!rendered) throw new Unrepresentable(type);
    this.usesPostgresql ||= rendered.usesPostgresql;
    return rendered.code;
  }

  /**
   * A server default (kept in PostgreSQL's spelling) for the revision. On SQLite the casts go
   * ('reader'::role → 'reader'), now() is CURRENT_TIMESTAMP, and a bare number is written as the
   * string flask db migrate writes (server_default='0', so DEFAULT '0' as create_all makes it).
   */
  serverDefault(pgDefault: string): string {
    if (this.dialect === 'postgresql') return `sa.text(${pyStr(pgDefault)})`;
    const plain = pgDefault.replace(/^\((.*)\)$/, '$1').replace(/('(?:[^']|'')*')::[a-z_][a-z0-9_ ]*(\([0-9, ]*\))?(\[\])?/gi, '$1');
    if (/^-?\d+(\.\d+)?$/.test(plain)) return pyStr(plain);
    if (/^'((?:[^']|'')*)'$/.test(plain)) return pyStr(plain.slice(1, -1).replace(/''/g, "'"));
    if (/^now\(\)$|^CURRENT_TIMESTAMP$/i.test(plain)) return "sa.text('(CURRENT_TIMESTAMP)')";
    return `sa.text(${pyStr(plain)})`;
  }

  column(column: ColumnDef, serialMode: 'implicit' | 'explicit' | 'plain' | 'none'): string {
    const parts = [pyStr(column.name), this.type(column.type)];
    if (serialMode === 'explicit') parts.push('autoincrement=True');
    if (serialMode === 'plain') parts.push('autoincrement=False');
    if ((serialMode === 'none' || serialMode === 'plain') && column.default !== null) {
      if (sequenceOfDefault(column.default) !== null) throw new Unrepresentable('a sequence default outside the primary key');
      parts.push(`server_default=${this.serverDefault(column.default)}`);
    }
    parts.push(`nullable=${column.nullable ? 'True' : 'False'}`);
    if (column.comment) parts.push(`comment=${pyStr(column.comment)}`);
    return `sa.Column(${parts.join(', ')})`;
  }
}

const name = (n: string) => `op.f(${pyStr(n)})`;
const list = (items: string[]) => `[${items.map(pyStr).join(', ')}]`;

/** How an op on an existing table is spelled: `op.x('table', ...)`, or `batch_op.x(...)` inside a batch block. */
interface Target {
  batch: boolean;
}
const callee = (t: Target, fn: string) => `${t.batch ? 'batch_op' : 'op'}.${fn}`;
/** A table key's own name, as a Python string (its schema goes in `schema=`, see schema/tableKey.ts). */
const tableName = (key: string) => pyStr(splitTableKey(key).name);
/** `, schema='x'` for a table outside the default schema (and none inside a batch block, whose header has it). */
const schemaKw = (key: string | null, keyword = 'schema', t?: Target) => {
  const schema = key === null || t?.batch ? null : splitTableKey(key).schema;
  return schema === null ? '' : `, ${keyword}=${pyStr(schema)}`;
};
/** The table argument (and its comma), absent in batch mode. */
const tableArg = (t: Target, table: string) => (t.batch ? '' : `${tableName(table)}, `);
const nameIn = (t: Target, n: string) => (t.batch ? `batch_op.f(${pyStr(n)})` : name(n));

const INTEGER = /^(integer|bigint|smallint)$/;

/**
 * How a create_table column gets (or avoids) SERIAL: SQLAlchemy makes a lone integer primary key
 * SERIAL by itself ("implicit"; "plain" stops that with autoincrement=False), a serial column in a
 * composite key needs autoincrement=True ("explicit"). A sequence default anywhere else has no spelling.
 */
function serialModeIn(op: CreateTableOp, column: ColumnDef): 'implicit' | 'explicit' | 'plain' | 'none' {
  const pk = op.primaryKey?.columns ?? [];
  const isSerial = sequenceOfDefault(column.default) !== null && INTEGER.test(column.type);
  const lonePk = pk.length === 1 && pk[0] === column.name;
  if (!isSerial) return lonePk && INTEGER.test(column.type) ? 'plain' : 'none';
  if (lonePk) return 'implicit';
  const serialPkColumns = op.columns.filter((c) => pk.includes(c.name) && sequenceOfDefault(c.default) !== null);
  if (pk.includes(column.name) && serialPkColumns.length === 1) return 'explicit';
  throw new Unrepresentable('a sequence default outside the primary key');
}

/** "table.column" (or "schema.table.column") as autogenerate writes it, the key's quoting taken off. */
function referenceText(key: string, column: string): string {
  const { schema, name } = splitTableKey(key);
  return `${schema === null ? '' : `${schema}.`}${name}.${column}`;
}

function createTable(op: CreateTableOp, w: Writer): string[] {
  const items = op.columns.map((c) => w.column(c, serialModeIn(op, c)));
  for (const fk of op.foreignKeys) {
    const refs = fk.refColumns.map((c) => referenceText(fk.refTable, c));
    items.push(`sa.ForeignKeyConstraint(${list(fk.columns)}, ${list(refs)}, name=${name(fk.name)}${fk.onDelete ? `, ondelete=${pyStr(fk.onDelete)}` : ''})`);
  }
  if (op.primaryKey) items.push(`sa.PrimaryKeyConstraint(${op.primaryKey.columns.map(pyStr).join(', ')}, name=${name(op.primaryKey.name)})`);
  for (const u of op.uniques) items.push(`sa.UniqueConstraint(${u.columns.map(pyStr).join(', ')}, name=${name(u.name)})`);
  for (const ck of op.checks) items.push(`sa.CheckConstraint(${pyStr(ck.expression)}, name=${name(ck.name)})`);
  const schema = splitTableKey(op.table).schema;
  if (schema !== null) items.push(`schema=${pyStr(schema)}`);
  return [`op.create_table(${tableName(op.table)},`, ...items.map((item, i) => `    ${item}${i < items.length - 1 ? ',' : ''}`), ')'];
}

function existingArgs(existing: ColumnSchema | undefined, w: Writer, withDefault: boolean): string[] {
  if (!existing) return [];
  const out = [`existing_type=${w.type(existing.type)}`, `existing_nullable=${existing.nullable ? 'True' : 'False'}`];
  if (withDefault && existing.default !== null) out.push(`existing_server_default=${w.serverDefault(existing.default)}`);
  return out;
}

function alterCall(t: Target, table: string, column: string, written: string[]): string[] {
  const schema = t.batch ? null : splitTableKey(table).schema;
  const args = schema === null ? written : [...written, `schema=${pyStr(schema)}`];
  return [
    `${callee(t, 'alter_column')}(${tableArg(t, table)}${pyStr(column)},`,
    ...args.map((a, i) => `               ${a}${i < args.length - 1 ? ',' : ')'}`),
  ];
}

function alterColumn(op: AlterColumnOp, w: Writer, t: Target): string[] {
  const out: string[] = [];
  let existing = op.existing ? { ...op.existing } : undefined;
  let newDefault = op.default;
  // PostgreSQL cannot cast a default along with a USING conversion: take it off first (Alembic does not).
  if (op.using !== undefined && existing && existing.default !== null) {
    out.push(...alterCall(t, op.table, op.column, [...existingArgs(existing, w, true), 'server_default=None']));
    if (newDefault === undefined) newDefault = existing.default;
    else if (newDefault === null) newDefault = undefined;
    existing = { ...existing, default: null };
  }
  const args: string[] = [];
  if (existing) args.push(`existing_type=${w.type(existing.type)}`);
  if (op.type !== undefined) args.push(`type_=${w.type(op.type)}`);
  if (op.nullable !== undefined) args.push(`nullable=${op.nullable ? 'True' : 'False'}`);
  else if (existing) args.push(`existing_nullable=${existing.nullable ? 'True' : 'False'}`);
  if (newDefault !== undefined) args.push(`server_default=${newDefault === null ? 'None' : w.serverDefault(newDefault)}`);
  else if (existing?.default) args.push(`existing_server_default=${w.serverDefault(existing.default)}`);
  if (op.newName !== undefined) args.push(`new_column_name=${pyStr(op.newName)}`);
  if (op.type !== undefined && op.using !== undefined) args.push(`postgresql_using=${pyStr(op.using)}`);
  out.push(...alterCall(t, op.table, op.column, args));
  return out;
}

function opLines(op: MigrationOp, w: Writer, t: Target): string[] {
  switch (op.kind) {
    case 'createTable':
      return createTable(op, w);
    case 'dropTable':
      return [`op.drop_table(${tableName(op.table)}${schemaKw(op.table)})`];
    case 'renameTable':
      return [`op.rename_table(${tableName(op.from)}, ${tableName(op.to)}${schemaKw(op.from)})`];
    case 'addColumn':
      return [`${callee(t, 'add_column')}(${tableArg(t, op.table)}${w.column(op.column, 'none')}${schemaKw(op.table, 'schema', t)})`];
    case 'dropColumn':
      return [`${callee(t, 'drop_column')}(${tableArg(t, op.table)}${pyStr(op.column)}${schemaKw(op.table, 'schema', t)})`];
    case 'alterColumn':
      return alterColumn(op, w, t);
    case 'createIndex': {
      const extra = op.concurrently ? ', postgresql_concurrently=True' : '';
      return [
        `${callee(t, 'create_index')}(${nameIn(t, op.index.name)}, ${tableArg(t, op.table)}${list(op.index.columns)}, unique=${op.index.unique ? 'True' : 'False'}${schemaKw(op.table, 'schema', t)}${extra})`,
      ];
    }
    case 'dropIndex':
      if (t.batch) return [`batch_op.drop_index(${nameIn(t, op.name)})`];
      return [
        `op.drop_index(${name(op.name)}${op.table ? `, table_name=${tableName(op.table)}` : ''}${op.table ? schemaKw(op.table) : op.schema ? `, schema=${pyStr(op.schema)}` : ''})`,
      ];
    case 'createUnique':
      return [
        `${callee(t, 'create_unique_constraint')}(${nameIn(t, op.key.name)}, ${tableArg(t, op.table)}${list(op.key.columns)}${schemaKw(op.table, 'schema', t)})`,
      ];
    case 'createPrimaryKey':
      return [
        `${callee(t, 'create_primary_key')}(${nameIn(t, op.key.name)}, ${tableArg(t, op.table)}${list(op.key.columns)}${schemaKw(op.table, 'schema', t)})`,
      ];
    case 'createForeignKey': {
      const fk = op.foreignKey;
      return [
        `${callee(t, 'create_foreign_key')}(${nameIn(t, fk.name)}, ${tableArg(t, op.table)}${tableName(fk.refTable)}, ${list(fk.columns)}, ${list(fk.refColumns)}${fk.onDelete ? `, ondelete=${pyStr(fk.onDelete)}` : ''}${schemaKw(op.table, 'source_schema', t)}${schemaKw(fk.refTable, 'referent_schema')})`,
      ];
    }
    case 'createCheck':
      return [
        `${callee(t, 'create_check_constraint')}(${nameIn(t, op.check.name)}, ${tableArg(t, op.table)}${pyStr(op.check.expression)}${schemaKw(op.table, 'schema', t)})`,
      ];
    case 'dropConstraint': {
      const schema = schemaKw(op.table, 'schema', t).replace(/^, /, '');
      return [
        `${callee(t, 'drop_constraint')}(${nameIn(t, op.name)}, ${tableArg(t, op.table)}${schema ? `${schema}, ` : ''}${op.type ? `type_=${pyStr(op.type)}` : ''})`.replace(
          ', )',
          ')',
        ),
      ];
    }
    case 'createEnum':
    case 'dropEnum':
    case 'addEnumValue':
    case 'executeSql':
      return opsToSql([op], { tables: {}, enums: {} }).map((sql) => `op.execute(${pyStr(sql)})`);
  }
}

/** The existing table an op alters, when `flask db migrate` would put it in a batch block. */
function batchTableOf(op: MigrationOp): string | null {
  switch (op.kind) {
    case 'addColumn':
    case 'dropColumn':
    case 'alterColumn':
    case 'createUnique':
    case 'createPrimaryKey':
    case 'createForeignKey':
    case 'createCheck':
    case 'dropConstraint':
      return op.table;
    case 'createIndex':
      return op.concurrently === true ? null : op.table;
    case 'dropIndex':
      return op.table;
    default:
      return null;
  }
}

export interface PythonOptions {
  /** Write ops on existing tables in `with op.batch_alter_table(...)` blocks, as render_as_batch=True does. */
  batch?: boolean;
  /** SQLite: enum types are the column's own business (no CREATE TYPE), spelled sa.Enum. */
  dialect?: Dialect;
}

/** Python lines for the ops (without indentation); `before` is the schema the ops start from. */
export function opsToPython(ops: MigrationOp[], before: Schema, enums: Record<string, string[]>, options: PythonOptions = {}): PythonRendering {
  const w = new Writer(enums, options.dialect ?? 'postgresql');
  const lines: string[] = [];
  let openBatch: string | null = null;
  // Made on the first op with no SQLAlchemy spelling, then kept in step so no op is rendered twice.
  let sql: { renderer: SqlRenderer; done: number } | null = null;
  for (const [i, op] of ops.entries()) {
    const batchTable = options.batch ? batchTableOf(op) : null;
    if (openBatch !== null && batchTable !== openBatch) {
      lines.push('');
      openBatch = null;
    }
    if (batchTable !== null && openBatch === null) {
      const { schema, name: batchName } = splitTableKey(batchTable);
      lines.push(`with op.batch_alter_table(${pyStr(batchName)}, schema=${schema === null ? 'None' : pyStr(schema)}) as batch_op:`);
      openBatch = batchTable;
    }
    const indent = openBatch !== null ? '    ' : '';
    try {
      const written = opLines(op, w, { batch: openBatch !== null }).map((l) => indent + l);
      // CREATE INDEX CONCURRENTLY cannot run inside a transaction: Alembic's autocommit block steps out of it.
      if (op.kind === 'createIndex' && op.concurrently) lines.push('with op.get_context().autocommit_block():', ...written.map((l) => `    ${l}`));
      else lines.push(...written);
    } catch (error) {
      if (!(error instanceof Unrepresentable)) throw error;
      // Written as SQL, computed against the schema as the earlier ops leave it.
      sql ??= { renderer: new SqlRenderer(before), done: 0 };
      for (const earlier of ops.slice(sql.done, i)) sql.renderer.next(earlier);
      const statements = sql.renderer.next(op);
      sql.done = i + 1;
      lines.push(`${indent}# ${op.kind}: ${error.message} has no SQLAlchemy spelling here; written as SQL`);
      lines.push(...statements.map((s) => `${indent}op.execute(${pyStr(s)})`));
    }
  }
  if (openBatch !== null) lines.push('');
  return { lines, usesPostgresql: w.usesPostgresql, unresolvedTypes: [...w.unresolvedTypes] };
}
