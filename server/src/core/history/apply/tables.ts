// Applying table and column ops to a schema, with PostgreSQL's side effects: dropping a column
// drops the constraints and indexes on it; renames keep constraint and sequence names.
import * as l10n from '@vscode/l10n';
import type { AddColumnOp, AlterColumnOp, CreateTableOp, DropColumnOp, DropTableOp, RenameTableOp } from '../../schema/ops';
import { emptyTable, type ColumnSchema, type Schema, type TableSchema } from '../../schema/types';
import { deferredDefaults } from '../replay/tableOps';
import { conflict, refusesLikePostgres, rejected, type ApplyContext } from './context';
import { chooseFreeNames, noteRename } from './chosenNames';
import { foreignKeyTypeRefusal } from './fkTypes';
import { castsWithoutUsing } from './pgCasts';
import { tableDeleted, tableEntries, tablesChanged, tableSet } from './tableList';

/** Whether a SQL expression mentions a column (outside string literals). */
export function mentions(expression: string, column: string): boolean {
  // Most expressions are plain column names: skip building a RegExp when the name is not even a substring.
  if (!expression.toLowerCase().includes(column.toLowerCase())) return false;
  const bare = expression.replace(/'(?:[^']|'')*'/g, "''");
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$"])("${escaped}"|${escaped})(?![A-Za-z0-9_$"])`, 'i').test(bare);
}

function renameInExpression(expression: string, from: string, to: string): string {
  const replacement = /^[a-z_][a-z0-9_$]*$/.test(to) ? to : `"${to.replace(/"/g, '""')}"`;
  return expression.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*/g, (token) => {
    if (token.startsWith("'")) return token;
    // Unquoted identifiers fold to lower case; quoted ones match exactly.
    const name = token.startsWith('"') ? token.slice(1, -1).replace(/""/g, '"') : token.toLowerCase();
    return name === from ? replacement : token;
  });
}

const REJECTED = {
  enumMissing: (type: string, table: string) =>
    l10n.t(
      'type "{0}" does not exist at this point (no earlier step creates it; add_column, alter_column and postgresql.ENUM(create_type=False) never do): PostgreSQL refuses this change to "{1}"',
      type,
      table,
    ),
  noCast: (table: string, column: string, from: string, to: string) =>
    l10n.t(
      '{0}.{1} cannot be cast automatically from {2} to {3}: PostgreSQL refuses this ALTER whatever the data, even on an empty table (give postgresql_using=...)',
      table,
      column,
      from,
      to,
    ),
  defaultNoCast: (table: string, column: string, value: string, to: string) =>
    l10n.t(
      'the default {2} of {0}.{1} cannot be cast automatically to {3}: PostgreSQL refuses the type change even with postgresql_using (drop the default first)',
      table,
      column,
      value,
      to,
    ),
};

/** A default PostgreSQL converts along with the column: a literal, or a literal cast to the old type. */
const LITERAL_DEFAULT = /^(?:'(?:[^']|'')*'(?:::[a-z ]+(?:\(\d+(?:,\d+)?\))?(?:\[\])?)?|-?\d+(?:\.\d+)?|true|false)$/i;

/** Why PostgreSQL refuses ALTER COLUMN ... TYPE here whatever the data, or null (it runs, or the types are not ones the cast table knows). */
function typeChangeRefusal(schema: Schema, op: AlterColumnOp, column: ColumnSchema, to: string): string | null {
  if (op.enumLabels && !Object.hasOwn(schema.enums, to.replace(/(\[\])+$/, ''))) return REJECTED.enumMissing(to, op.table);
  if (to === column.type) return null;
  if (castsWithoutUsing(column.type, to, schema.enums) !== false) return null;
  if (op.using === undefined) return REJECTED.noCast(op.table, op.column, column.type, to);
  // The type change comes before any new server_default in Alembic's ALTERs: the old default must convert.
  if (column.default !== null && LITERAL_DEFAULT.test(column.default)) return REJECTED.defaultNoCast(op.table, op.column, column.default, to);
  return null;
}

export function table(schema: Schema, name: string, context: ApplyContext): TableSchema | undefined {
  const found = schema.tables[name];
  if (!found) conflict(context, l10n.t('table "{0}" does not exist at this point of the history', name));
  return found;
}

export function applyCreateTable(schema: Schema, op: CreateTableOp, context: ApplyContext): void {
  if (schema.tables[op.table]) {
    conflict(context, l10n.t('table "{0}" already exists; the upgrade would fail here', op.table));
    return;
  }
  const missingEnum = (op.enumTypes ?? []).find((name) => !Object.hasOwn(schema.enums, name));
  if (missingEnum !== undefined && refusesLikePostgres(context)) return rejected(context, REJECTED.enumMissing(missingEnum, op.table));
  const created = emptyTable();
  for (const column of op.columns) {
    const { name, ...rest } = column;
    created.columns[name] = { ...rest };
  }
  created.primaryKey = op.primaryKey ? { name: op.primaryKey.name, columns: [...op.primaryKey.columns] } : null;
  created.uniques = op.uniques.map((u) => ({ name: u.name, columns: [...u.columns] }));
  created.foreignKeys = op.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] }));
  created.checks = op.checks.map((c) => ({ ...c }));
  chooseFreeNames(schema, op.table, created);
  schema.tables[op.table] = created;
  tableSet(schema, op.table, created);
}

export function applyDropTable(schema: Schema, op: DropTableOp, context: ApplyContext): void {
  if (!table(schema, op.table, context)) return;
  const referencing = tableEntries(schema).filter(([name, other]) => name !== op.table && other.foreignKeys.some((fk) => fk.refTable === op.table));
  if (referencing.length > 0 && context.dialect !== 'sqlite') {
    const names = referencing.map(([name]) => `"${name}"`).join(', ');
    const message = l10n.t('{0} still has a foreign key to "{1}": PostgreSQL refuses DROP TABLE without CASCADE', names, op.table);
    return refusesLikePostgres(context) ? rejected(context, message) : conflict(context, message);
  }
  delete schema.tables[op.table];
  tableDeleted(schema, op.table);
}

export function applyRenameTable(schema: Schema, op: RenameTableOp, context: ApplyContext): void {
  const found = table(schema, op.from, context);
  if (!found) return;
  if (schema.tables[op.to]) {
    conflict(context, l10n.t('cannot rename "{0}" to "{1}": that table exists', op.from, op.to));
    return;
  }
  // Rebuild the record so the new name takes the old one's place in key order.
  const entries = Object.entries(schema.tables).map(([name, t]) => [name === op.from ? op.to : name, t] as const);
  schema.tables = Object.fromEntries(entries);
  tablesChanged(schema);
  noteRename(schema, op.to, op.from);
  for (const [, other] of tableEntries(schema)) {
    for (const fk of other.foreignKeys) if (fk.refTable === op.from) fk.refTable = op.to;
  }
}

export function applyAddColumn(schema: Schema, op: AddColumnOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found) return;
  if (found.columns[op.column.name]) {
    conflict(context, l10n.t('column "{0}.{1}" already exists', op.table, op.column.name));
    return;
  }
  const enumName = op.enumLabels ? op.column.type.replace(/(\[\])+$/, '') : undefined;
  if (enumName !== undefined && !Object.hasOwn(schema.enums, enumName) && refusesLikePostgres(context))
    return rejected(context, REJECTED.enumMissing(enumName, op.table));
  const { name, ...rest } = op.column;
  found.columns[name] = { ...rest };
}

export function applyDropColumn(schema: Schema, op: DropColumnOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found) return;
  if (!found.columns[op.column]) {
    conflict(context, l10n.t('column "{0}.{1}" does not exist', op.table, op.column));
    return;
  }
  delete found.columns[op.column];
  const has = (columns: string[]) => columns.includes(op.column);
  if (found.primaryKey && has(found.primaryKey.columns)) found.primaryKey = null;
  found.uniques = found.uniques.filter((u) => !has(u.columns));
  found.indexes = found.indexes.filter((i) => !has(i.columns) && !i.columns.some((c) => c !== op.column && mentions(c, op.column) && /[(\s]/.test(c)));
  found.foreignKeys = found.foreignKeys.filter((f) => !has(f.columns));
  found.checks = found.checks.filter((c) => !mentions(c.expression, op.column));
  for (const [name, other] of tableEntries(schema)) {
    if (other.foreignKeys.some((fk) => fk.refTable === op.table && fk.refColumns.includes(op.column)))
      conflict(context, l10n.t('"{0}" has a foreign key to {1}.{2}; PostgreSQL refuses to drop it without CASCADE', name, op.table, op.column));
  }
}

function renameColumn(schema: Schema, tableName: string, found: TableSchema, from: string, to: string, context: ApplyContext): void {
  if (found.columns[to]) {
    conflict(context, l10n.t('cannot rename {0}.{1} to "{2}": that column exists', tableName, from, to));
    return;
  }
  found.columns = Object.fromEntries(Object.entries(found.columns).map(([name, c]) => [name === from ? to : name, c]));
  const swap = (columns: string[]) => columns.map((c) => (c === from ? to : c));
  if (found.primaryKey) found.primaryKey.columns = swap(found.primaryKey.columns);
  for (const u of found.uniques) u.columns = swap(u.columns);
  for (const i of found.indexes) i.columns = i.columns.map((c) => (c === from ? to : mentions(c, from) ? renameInExpression(c, from, to) : c));
  for (const f of found.foreignKeys) f.columns = swap(f.columns);
  for (const c of found.checks) c.expression = renameInExpression(c.expression, from, to);
  for (const [, other] of tableEntries(schema)) {
    for (const fk of other.foreignKeys) if (fk.refTable === tableName) fk.refColumns = swap(fk.refColumns);
  }
}

export function applyAlterColumn(schema: Schema, op: AlterColumnOp, context: ApplyContext): void {
  const found = table(schema, op.table, context);
  if (!found) return;
  const column: ColumnSchema | undefined = found.columns[op.column];
  if (!column) {
    conflict(context, l10n.t('column "{0}.{1}" does not exist', op.table, op.column));
    return;
  }
  if (op.type !== undefined) {
    const refusal = refusesLikePostgres(context)
      ? (typeChangeRefusal(schema, op, column, op.type) ?? foreignKeyTypeRefusal(schema, op.table, found, op.column, op.type))
      : null;
    if (refusal !== null) return rejected(context, refusal);
    column.type = op.type;
  }
  if (op.nullable !== undefined) {
    if (op.nullable && found.primaryKey?.columns.includes(op.column))
      conflict(context, l10n.t('{0}.{1} is in the primary key; PostgreSQL refuses to make it nullable', op.table, op.column));
    else column.nullable = op.nullable;
  }
  if (op.default !== undefined) {
    const reread = op.default === null ? undefined : deferredDefaults.get(op);
    column.default = reread ? reread(column.type) : op.default;
  }
  if (op.newName !== undefined && op.newName !== op.column) renameColumn(schema, op.table, found, op.column, op.newName, context);
}
