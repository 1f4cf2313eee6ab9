// Raw SQL from op.execute(...) → the schema changes it makes. Each statement is either understood
// (DDL this module reads), data-only (DML: no schema change), or opaque.
import type { MigrationOp } from '../../schema/ops';
import { splitTableKey } from '../../schema/tableKey';
import type { SourceLocation } from '../../source';
import { markLenient } from '../apply/lenient';
import { alterTable, type ColumnTypeLookup } from './alterTable';
import { createTable } from './createTable';
import { Cursor, splitStatements, tokenize } from './lexer';
import { renameIndexOps } from './renames';
import type { Schema } from '../../schema/types';

export interface DdlReading {
  ops: MigrationOp[];
  /** Statements that only touch data (INSERT, UPDATE, DELETE, SELECT…). */
  data: string[];
  /** Statements not understood: their effect on the schema is unknown. */
  opaque: string[];
}

// DO blocks and CALL are not here: they can run any DDL, so they are opaque.
const DATA_WORDS = new Set([
  'insert',
  'update',
  'delete',
  'select',
  'with',
  'copy',
  'truncate',
  'set',
  'analyze',
  'vacuum',
  'grant',
  'revoke',
  'lock',
  'notify',
  'refresh',
  'comment',
  'reset',
  'begin',
  'commit',
]);
/** DDL with no effect on what the schema model holds. */
const NEUTRAL = [
  /^create\s+(or\s+replace\s+)?(extension|function|procedure|trigger|view|materialized\s+view|rule|policy|schema|sequence|role|user)\b/i,
  /^(drop|alter)\s+(extension|function|procedure|trigger|view|materialized\s+view|rule|policy|schema|sequence|role|user)\b/i,
  /^alter\s+table\s+.*\b(enable|disable)\s+(row\s+level\s+security|trigger)\b/i,
  /^alter\s+table\s+.*\bowner\s+to\b/i,
  // SET TABLESPACE, SET (storage options), ATTACH PARTITION…: only RENAME TO changes what the model holds.
  /^alter\s+index\s+(?![\s\S]*\brename\s+to\b)/i,
];

/** ALTER INDEX [IF EXISTS] name RENAME TO new (cursor after "ALTER INDEX"). */
function alterIndex(cursor: Cursor, location: SourceLocation | undefined, schema: Schema | undefined): MigrationOp[] | null {
  const ifExists = cursor.accept('if', 'exists');
  const key = cursor.tableName();
  if (key === undefined || !cursor.accept('rename', 'to')) return null;
  const to = cursor.identifier();
  return to === undefined || !cursor.done() ? null : renameIndexOps(key, to, ifExists, schema, location);
}

function createIndex(cursor: Cursor, location: SourceLocation | undefined): MigrationOp | null {
  const unique = cursor.accept('unique');
  if (!cursor.accept('index')) return null;
  const concurrently = cursor.accept('concurrently');
  const ifNotExists = cursor.accept('if', 'not', 'exists');
  const name = cursor.peek()?.value === 'on' ? undefined : cursor.identifier();
  if (name === undefined || !cursor.accept('on')) return null;
  cursor.accept('only');
  const table = cursor.tableName();
  if (table === undefined) return null;
  if (cursor.accept('using')) cursor.next();
  if (!cursor.accept('(')) return null;
  const columns: string[] = [];
  for (;;) {
    const text = cursor.until([',']);
    // "email ASC" / "email DESC NULLS LAST" → email; expressions are kept as written.
    const simple = /^(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))(?:\s+(?:asc|desc))?(?:\s+nulls\s+(?:first|last))?$/i.exec(text);
    columns.push(simple ? (simple[1]?.replace(/""/g, '"') ?? (simple[2] as string).toLowerCase()) : text);
    if (cursor.accept(')')) break;
    if (!cursor.accept(',')) return null;
  }
  const op: MigrationOp = { kind: 'createIndex', table, index: { name, columns, unique }, ...(concurrently ? { concurrently } : {}), location };
  return ifNotExists ? markLenient(op) : op;
}

// Type names are keyed as tables are ("audit.kind" in another schema, schema/tableKey.ts).
function createType(cursor: Cursor, location: SourceLocation | undefined): MigrationOp | null {
  const name = cursor.tableName();
  if (name === undefined || !cursor.accept('as', 'enum', '(')) return null;
  const values: string[] = [];
  if (cursor.accept(')')) return { kind: 'createEnum', name, values, location };
  for (;;) {
    const token = cursor.next();
    if (token?.kind !== 'string') return null;
    values.push(token.value);
    if (cursor.accept(')')) return { kind: 'createEnum', name, values, location };
    if (!cursor.accept(',')) return null;
  }
}

function alterType(cursor: Cursor, location: SourceLocation | undefined): MigrationOp | null {
  const name = cursor.tableName();
  if (name === undefined || !cursor.accept('add', 'value')) return null;
  cursor.accept('if', 'not', 'exists');
  const value = cursor.next();
  if (value?.kind !== 'string') return null;
  if (cursor.accept('after')) {
    const after = cursor.next();
    return after?.kind === 'string' ? { kind: 'addEnumValue', name, value: value.value, after: after.value, location } : null;
  }
  if (cursor.accept('before')) return null;
  return { kind: 'addEnumValue', name, value: value.value, location };
}

function dropList(cursor: Cursor): { names: string[]; ifExists: boolean } | null {
  cursor.accept('concurrently');
  const ifExists = cursor.accept('if', 'exists');
  const names: string[] = [];
  do {
    const name = cursor.tableName();
    if (name === undefined) return null;
    names.push(name);
  } while (cursor.accept(','));
  cursor.accept('cascade');
  cursor.accept('restrict');
  return cursor.done() ? { names, ifExists } : null;
}

/** DROP INDEX/TYPE/TABLE a, b: one op per name, tolerant under IF EXISTS. */
function drops(cursor: Cursor, make: (name: string) => MigrationOp): MigrationOp[] | null {
  const list = dropList(cursor);
  if (!list) return null;
  return list.names.map((name) => (list.ifExists ? markLenient(make(name)) : make(name)));
}

function statementOps(statement: string, location: SourceLocation | undefined, columnType: ColumnTypeLookup, schema: Schema | undefined): MigrationOp[] | null {
  const cursor = new Cursor(tokenize(statement));
  if (cursor.accept('alter', 'table')) return alterTable(cursor, location, columnType, schema);
  if (cursor.accept('alter', 'index')) return alterIndex(cursor, location, schema);
  if (cursor.accept('create')) {
    if (cursor.peek()?.value === 'unique' || cursor.peek()?.value === 'index') {
      const op = createIndex(cursor, location);
      return op ? [op] : null;
    }
    if (cursor.accept('type')) {
      const op = createType(cursor, location);
      return op ? [op] : null;
    }
    if (cursor.accept('table') || cursor.accept('unlogged', 'table')) return createTable(cursor, location);
    return null;
  }
  if (cursor.accept('alter', 'type')) {
    const op = alterType(cursor, location);
    return op ? [op] : null;
  }
  // Names are read as table keys ("x.name" in another schema): an index is looked up in its schema.
  if (cursor.accept('drop', 'index'))
    return drops(cursor, (key) => {
      const { schema, name } = splitTableKey(key);
      return { kind: 'dropIndex', table: null, name, ...(schema !== null ? { schema } : {}), location };
    });
  if (cursor.accept('drop', 'type')) return drops(cursor, (name) => ({ kind: 'dropEnum', name, location }));
  if (cursor.accept('drop', 'table')) return drops(cursor, (table) => ({ kind: 'dropTable', table, location }));
  return null;
}

/**
 * Reads a SQL script. `columnType` gives current column types (for SET DEFAULT) and `schema` the
 * schema as the script finds it (for what a rename renames); omit both when only classifying.
 */
export function readDdl(sql: string, location: SourceLocation | undefined, columnType: ColumnTypeLookup = () => undefined, schema?: Schema): DdlReading {
  const reading: DdlReading = { ops: [], data: [], opaque: [] };
  for (const statement of splitStatements(sql)) {
    const first = /^\s*\(?\s*([A-Za-z]+)/.exec(statement)?.[1]?.toLowerCase() ?? '';
    if (DATA_WORDS.has(first)) {
      reading.data.push(statement);
      continue;
    }
    if (NEUTRAL.some((re) => re.test(statement))) continue;
    const ops = statementOps(statement, location, columnType, schema);
    if (ops) reading.ops.push(...ops);
    else reading.opaque.push(statement);
  }
  return reading;
}
