// The table a history assumes exists before its first revision touches it (the project ran
// `db.create_all()` and was stamped). Built from the models at head, with the later revisions'
// own steps on that table undone in reverse: a column a later revision adds was not there yet,
// a column a later revision drops was, a later rename is reversed.
import type { MigrationOp } from '../schema/ops';
import { emptyTable, type Schema, type TableSchema } from '../schema/types';
import { sqlRenames, undoSqlRenames } from './sql/renames';

export interface BaselineTable {
  table: TableSchema;
  /** False when the models no longer declare the table: its columns are only what later steps name. */
  fromModels: boolean;
}

/** Columns a later step names but whose definition is unknown (the step drops or alters them). */
const UNKNOWN_COLUMN = { type: 'text', nullable: true, default: null } as const;

/** The name `table` has after the ops, following rename_table; null when a later op drops it. */
function laterName(table: string, ops: readonly MigrationOp[]): { name: string; dropped: boolean } {
  let name = table;
  for (const op of ops) {
    if (op.kind === 'renameTable' && op.from === name) name = op.to;
    else if (op.kind === 'dropTable' && op.table === name) return { name, dropped: true };
  }
  return { name, dropped: false };
}

function onTable(op: MigrationOp, name: string): boolean {
  return 'table' in op && op.table === name;
}

function undo(found: TableSchema, op: MigrationOp): void {
  switch (op.kind) {
    case 'addColumn':
      delete found.columns[op.column.name];
      return;
    case 'dropColumn':
      found.columns[op.column] ??= { ...UNKNOWN_COLUMN };
      return;
    case 'alterColumn': {
      let current = op.newName !== undefined && found.columns[op.newName] ? op.newName : op.column;
      if (op.newName !== undefined && current === op.newName) {
        found.columns = Object.fromEntries(Object.entries(found.columns).map(([n, c]) => [n === op.newName ? op.column : n, c]));
        current = op.column;
      }
      const column = (found.columns[current] ??= { ...UNKNOWN_COLUMN });
      if (op.existing) {
        if (op.type !== undefined) column.type = op.existing.type;
        if (op.nullable !== undefined) column.nullable = op.existing.nullable;
        if (op.default !== undefined) column.default = op.existing.default;
      } else if (op.nullable !== undefined) column.nullable = !op.nullable;
      return;
    }
    case 'createIndex':
      found.indexes = found.indexes.filter((i) => i.name !== op.index.name);
      return;
    case 'createUnique':
      found.uniques = found.uniques.filter((u) => u.name !== op.key.name);
      return;
    case 'createForeignKey':
      found.foreignKeys = found.foreignKeys.filter((f) => f.name !== op.foreignKey.name);
      return;
    case 'createCheck':
      found.checks = found.checks.filter((c) => c.name !== op.check.name);
      return;
    case 'createPrimaryKey':
      if (found.primaryKey?.name === op.key.name) found.primaryKey = null;
      return;
    default:
      return;
  }
}

/**
 * `table` as it stood before `laterOps` (every op the replay has still to apply, in order),
 * taken from the models' schema at head.
 */
export function baselineTable(table: string, laterOps: readonly MigrationOp[], models: Schema): BaselineTable {
  const { name, dropped } = laterName(table, laterOps);
  const declared = dropped ? undefined : models.tables[name];
  const found = declared ? structuredClone(declared) : emptyTable();
  // Undo the later steps newest first, following the table back through its renames.
  let current = name;
  for (let i = laterOps.length - 1; i >= 0; i--) {
    const op = laterOps[i] as MigrationOp;
    if (op.kind === 'renameTable' && op.to === current) current = op.from;
    // ALTER INDEX … RENAME TO / RENAME CONSTRAINT in raw SQL: the models hold the new names.
    else if (op.kind === 'executeSql' && /\brename\b/i.test(op.sql)) undoSqlRenames(found, current, sqlRenames(op.sql));
    else if (onTable(op, current)) undo(found, op);
  }
  // Keys to tables the baseline does not hold stay: the target may be baselined next.
  return { table: found, fromModels: declared !== undefined };
}
