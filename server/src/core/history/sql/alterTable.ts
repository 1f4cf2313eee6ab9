// ALTER TABLE … actions in raw SQL → MigrationOps.
import type { ColumnDef, MigrationOp } from '../../schema/ops';
import { rawSqlDefault } from '../../schema/defaults';
import { withSchemaOf } from '../../schema/tableKey';
import type { SourceLocation } from '../../source';
import { checkName, foreignKeyName, primaryKeyName, serialDefault, uniqueName } from '../replay/pgNames';
import { markLenient } from '../apply/lenient';
import { Cursor } from './lexer';
import { readSqlType } from './pgTypes';
import { renameConstraintOps } from './renames';
import type { Schema } from '../../schema/types';

/** The current type of a column, to print defaults the way PostgreSQL will. */
export type ColumnTypeLookup = (table: string, column: string) => string | undefined;

const CONSTRAINT_WORDS = ['not', 'null', 'default', 'primary', 'unique', 'references', 'check', 'constraint', 'collate', 'generated', ','];

function onDelete(cursor: Cursor): string | null {
  let action: string | null = null;
  for (;;) {
    if (cursor.accept('on', 'delete')) action = cursor.until(['on', 'deferrable', 'not', 'initially', 'match', ',']).toUpperCase();
    else if (cursor.accept('on', 'update')) cursor.until(['on', 'deferrable', 'not', 'initially', 'match', ',']);
    else if (cursor.accept('match')) cursor.next();
    else if (
      cursor.accept('deferrable') ||
      cursor.accept('not', 'deferrable') ||
      cursor.accept('initially', 'deferred') ||
      cursor.accept('initially', 'immediate')
    )
      continue;
    else return action === 'NO ACTION' ? null : action;
  }
}

/** ADD CONSTRAINT name … / ADD UNIQUE (…) …: a table constraint. */
export function tableConstraint(cursor: Cursor, table: string, location: SourceLocation | undefined): MigrationOp | null {
  const name = cursor.accept('constraint') ? cursor.identifier() : undefined;
  if (cursor.accept('unique')) {
    const columns = cursor.identifierList();
    return columns ? { kind: 'createUnique', table, key: { name: name ?? uniqueName(table, columns), columns }, location } : null;
  }
  if (cursor.accept('primary', 'key')) {
    const columns = cursor.identifierList();
    return columns ? { kind: 'createPrimaryKey', table, key: { name: name ?? primaryKeyName(table), columns }, location } : null;
  }
  if (cursor.accept('foreign', 'key')) {
    const columns = cursor.identifierList();
    if (!columns || !cursor.accept('references')) return null;
    const refTable = cursor.tableName();
    const refColumns = cursor.identifierList();
    if (!refTable || !refColumns) return null;
    return {
      kind: 'createForeignKey',
      table,
      foreignKey: { name: name ?? foreignKeyName(table, columns), columns, refTable, refColumns, onDelete: onDelete(cursor) },
      location,
    };
  }
  if (cursor.accept('check')) {
    const expression = cursor.parenthesized();
    return expression === undefined ? null : { kind: 'createCheck', table, check: { name: name ?? checkName(table, null), expression }, location };
  }
  return null;
}

/** ADD [COLUMN] name type [column constraints]. */
export function addColumn(cursor: Cursor, table: string, location: SourceLocation | undefined): MigrationOp[] | null {
  const ifNotExists = cursor.accept('if', 'not', 'exists');
  const name = cursor.identifier();
  const sqlType = name === undefined ? undefined : readSqlType(cursor);
  if (name === undefined || !sqlType) return null;
  const column: ColumnDef = { name, type: sqlType.type, nullable: true, default: sqlType.serial ? serialDefault(table, name) : null };
  if (sqlType.serial) column.nullable = false;
  const extra: MigrationOp[] = [];
  // A column definition ends at the next comma (or the closing parenthesis of CREATE TABLE).
  while (!cursor.done() && cursor.peek()?.value !== ',' && cursor.peek()?.value !== ')') {
    const constraintName = cursor.accept('constraint') ? cursor.identifier() : undefined;
    if (cursor.accept('not', 'null')) column.nullable = false;
    else if (cursor.accept('null')) column.nullable = true;
    else if (cursor.accept('default')) {
      const text = cursor.until(CONSTRAINT_WORDS);
      const result = rawSqlDefault(text, column.type);
      column.default = 'problem' in result ? text : result.default;
    } else if (cursor.accept('primary', 'key')) {
      column.nullable = false;
      extra.push({ kind: 'createPrimaryKey', table, key: { name: constraintName ?? primaryKeyName(table), columns: [name] }, location });
    } else if (cursor.accept('unique')) {
      extra.push({ kind: 'createUnique', table, key: { name: constraintName ?? uniqueName(table, [name]), columns: [name] }, location });
    } else if (cursor.accept('references')) {
      const refTable = cursor.tableName();
      const refColumns = cursor.peek()?.value === '(' ? cursor.identifierList() : ['id'];
      if (!refTable || !refColumns) return null;
      extra.push({
        kind: 'createForeignKey',
        table,
        foreignKey: { name: constraintName ?? foreignKeyName(table, [name]), columns: [name], refTable, refColumns, onDelete: onDelete(cursor) },
        location,
      });
    } else if (cursor.accept('check')) {
      const expression = cursor.parenthesized();
      if (expression === undefined) return null;
      extra.push({ kind: 'createCheck', table, check: { name: constraintName ?? checkName(table, name), expression }, location });
    } else if (cursor.accept('collate')) {
      cursor.identifier();
    } else {
      return null;
    }
  }
  const add: MigrationOp = { kind: 'addColumn', table, column, location };
  return [ifNotExists ? markLenient(add) : add, ...extra];
}

/** ALTER [COLUMN] name TYPE … / SET|DROP NOT NULL / SET|DROP DEFAULT. */
function alterColumn(cursor: Cursor, table: string, location: SourceLocation | undefined, columnType: ColumnTypeLookup): MigrationOp | null {
  const column = cursor.identifier();
  if (column === undefined) return null;
  if (cursor.accept('set', 'data', 'type') || cursor.accept('type')) {
    const sqlType = readSqlType(cursor);
    if (!sqlType) return null;
    if (cursor.accept('collate')) cursor.identifier();
    const using = cursor.accept('using') ? cursor.until([',']) : undefined;
    return { kind: 'alterColumn', table, column, type: sqlType.type, ...(using ? { using } : {}), location };
  }
  if (cursor.accept('set', 'not', 'null')) return { kind: 'alterColumn', table, column, nullable: false, location };
  if (cursor.accept('drop', 'not', 'null')) return { kind: 'alterColumn', table, column, nullable: true, location };
  if (cursor.accept('drop', 'default')) return { kind: 'alterColumn', table, column, default: null, location };
  if (cursor.accept('set', 'default')) {
    const text = cursor.until([',']);
    const result = rawSqlDefault(text, columnType(table, column) ?? 'text');
    return { kind: 'alterColumn', table, column, default: 'problem' in result ? text : result.default, location };
  }
  return null;
}

/** One ALTER TABLE statement (cursor after "ALTER TABLE"); null when any action is not understood. */
export function alterTable(cursor: Cursor, location: SourceLocation | undefined, columnType: ColumnTypeLookup, schema?: Schema): MigrationOp[] | null {
  const tableIfExists = cursor.accept('if', 'exists');
  cursor.accept('only');
  const table = cursor.tableName();
  if (table === undefined) return null;
  const ops: MigrationOp[] = [];
  do {
    let action: MigrationOp[] | MigrationOp | null = null;
    if (cursor.accept('rename', 'to')) {
      // RENAME TO takes a bare name: the table stays in its schema.
      const to = cursor.identifier();
      action = to === undefined ? null : { kind: 'renameTable', from: table, to: withSchemaOf(table, to), location };
    } else if (cursor.accept('rename', 'constraint')) {
      const from = cursor.identifier();
      const to = cursor.accept('to') ? cursor.identifier() : undefined;
      action = from === undefined || to === undefined ? null : renameConstraintOps(table, from, to, schema, location);
    } else if (cursor.accept('rename')) {
      cursor.accept('column');
      const from = cursor.identifier();
      const to = cursor.accept('to') ? cursor.identifier() : undefined;
      action = from === undefined || to === undefined ? null : { kind: 'alterColumn', table, column: from, newName: to, location };
    } else if (cursor.accept('drop', 'constraint')) {
      const ifExists = cursor.accept('if', 'exists');
      const name = cursor.identifier();
      cursor.accept('cascade');
      cursor.accept('restrict');
      action = name === undefined ? null : { kind: 'dropConstraint', table, name, type: null, location };
      if (action && ifExists) markLenient(action);
    } else if (cursor.accept('drop')) {
      cursor.accept('column');
      const ifExists = cursor.accept('if', 'exists');
      const column = cursor.identifier();
      cursor.accept('cascade');
      cursor.accept('restrict');
      action = column === undefined ? null : { kind: 'dropColumn', table, column, location };
      if (action && ifExists) markLenient(action);
    } else if (cursor.accept('add')) {
      const peek = cursor.peek()?.value;
      action =
        peek === 'constraint' || peek === 'unique' || peek === 'primary' || peek === 'foreign' || peek === 'check'
          ? tableConstraint(cursor, table, location)
          : (cursor.accept('column'), addColumn(cursor, table, location));
    } else if (cursor.accept('alter')) {
      cursor.accept('column');
      action = alterColumn(cursor, table, location, columnType);
    }
    if (action === null) return null;
    ops.push(...(Array.isArray(action) ? action : [action]));
  } while (cursor.accept(','));
  if (tableIfExists) ops.forEach(markLenient);
  return cursor.done() ? ops : null;
}
