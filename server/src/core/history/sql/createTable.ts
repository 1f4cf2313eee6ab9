// CREATE TABLE name (column definitions, table constraints) in raw SQL → one createTable op.
import type { CreateTableOp, MigrationOp } from '../../schema/ops';
import type { SourceLocation } from '../../source';
import { markLenient } from '../apply/lenient';
import { addColumn, tableConstraint } from './alterTable';
import type { Cursor } from './lexer';

const CONSTRAINT_START = new Set(['constraint', 'primary', 'unique', 'foreign', 'check']);

/** Folds the ops one element produced (column + inline constraints, or a table constraint) into the table. */
function fold(op: MigrationOp, table: CreateTableOp): boolean {
  switch (op.kind) {
    case 'addColumn':
      table.columns.push(op.column);
      return true;
    case 'createPrimaryKey':
      if (table.primaryKey) return false;
      table.primaryKey = op.key;
      for (const column of table.columns) if (op.key.columns.includes(column.name)) column.nullable = false;
      return true;
    case 'createUnique':
      table.uniques.push(op.key);
      return true;
    case 'createForeignKey':
      table.foreignKeys.push(op.foreignKey);
      return true;
    case 'createCheck':
      table.checks.push(op.check);
      return true;
    default:
      return false;
  }
}

/** The cursor is after CREATE [UNLOGGED] TABLE. Null when anything is not understood (LIKE, INHERITS, PARTITION…). */
export function createTable(cursor: Cursor, location: SourceLocation | undefined): MigrationOp[] | null {
  const ifNotExists = cursor.accept('if', 'not', 'exists');
  const name = cursor.tableName();
  if (name === undefined || !cursor.accept('(')) return null;
  const table: CreateTableOp = { kind: 'createTable', table: name, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], location };
  if (!cursor.accept(')')) {
    do {
      const word = cursor.peek();
      if (word?.kind === 'word' && (word.value === 'like' || word.value === 'exclude')) return null;
      const isConstraint = word?.kind === 'word' && CONSTRAINT_START.has(word.value);
      const ops = isConstraint ? [tableConstraint(cursor, name, location)] : addColumn(cursor, name, location);
      if (!ops || ops.some((op) => op === null || !fold(op, table))) return null;
    } while (cursor.accept(','));
    if (!cursor.accept(')')) return null;
  }
  if (!cursor.done()) return null;
  // Columns named in the primary key are NOT NULL even when the key is declared after them.
  for (const column of table.columns) if (table.primaryKey?.columns.includes(column.name)) column.nullable = false;
  return [ifNotExists ? markLenient(table) : table];
}
