// op.create_table(name, *columns_and_constraints) and op.add_column(table, Column) → ops,
// modelling what SQLAlchemy 1.4 emits on PostgreSQL: SERIAL for the autoincrement primary key,
// CREATE TYPE for enums (create_table only), inline UNIQUE / REFERENCES / CHECK, and indexes.
import * as l10n from '@vscode/l10n';
import { calleeName, strValue, type PyExpr } from '../../python/expr';
import type { CheckSchema, ForeignKeySchema, IndexSchema, KeySchema } from '../../schema/types';
import type { ColumnDef, ImportedColumnType, MigrationOp } from '../../schema/ops';
import type { SourceLocation } from '../../source';
import { argOf, onDeleteValue, splitReference, stringItems, unresolved, type CallExpr } from './args';
import { isIntegerType, readColumn, type ColumnRead } from './columns';
import { checkName, columnIndexName, foreignKeyName, primaryKeyName, serialDefault, tableCheckName, uniqueName } from './pgNames';
import { conventionalName, writtenName, type WrittenName } from './conventionNames';
import type { Replay } from './replayState';

/** Which column SQLAlchemy renders as SERIAL: its Table._autoincrement_column rules, for PostgreSQL. */
function autoincrementColumn(columns: ColumnRead[], primaryKey: string[], foreignKeyColumns: Set<string>): string | null {
  const pkColumns = columns.filter((c) => primaryKey.includes(c.def.name));
  const explicit = pkColumns.find((c) => c.autoincrement === true && isIntegerType(c.def.type));
  if (explicit) return explicit.def.name;
  if (pkColumns.length !== 1) return null;
  const only = pkColumns[0] as ColumnRead;
  const eligible =
    only.autoincrement === 'auto' && isIntegerType(only.def.type) && !only.hasServerDefault && !only.identity && !foreignKeyColumns.has(only.def.name);
  return eligible ? only.def.name : null;
}

interface TableParts {
  primaryKey: KeySchema | null;
  uniques: KeySchema[];
  foreignKeys: ForeignKeySchema[];
  checks: CheckSchema[];
  indexes: IndexSchema[];
}

function isItem(expr: PyExpr, state: Replay, item: string): boolean {
  const written = calleeName(expr);
  if (expr.kind !== 'call' || written === null) return false;
  const qualified = state.scope.module.qualify(written);
  return qualified === `sqlalchemy.${item}` || qualified === `sqlalchemy.schema.${item}`;
}

/** Table-level items: PrimaryKeyConstraint, UniqueConstraint, ForeignKeyConstraint, CheckConstraint, Index. */
function readTableItem(item: CallExpr, table: string, parts: TableParts, state: Replay, columnNames: string[], location: SourceLocation): boolean {
  const file = state.scope.module.file;
  const nameOf = (expr: PyExpr | undefined): WrittenName | null => {
    const written = writtenName(expr);
    if (!written) unresolved(state.notes, file, expr ?? item, l10n.t('constraint name'));
    return written ?? null;
  };
  const columnsOf = (values: PyExpr[]) => stringItems({ kind: 'list', items: values, range: item.range });
  if (isItem(item, state, 'PrimaryKeyConstraint')) {
    const columns = columnsOf(item.args);
    const written = nameOf(item.kwargs.name);
    if (!columns) return (unresolved(state.notes, file, item, l10n.t('PrimaryKeyConstraint columns')), true);
    if (!written) return true;
    parts.primaryKey = { name: conventionalName(state, 'pk', written, { table, columns }, () => primaryKeyName(table), location), columns };
    return true;
  }
  if (isItem(item, state, 'UniqueConstraint')) {
    const columns = columnsOf(item.args);
    const written = nameOf(item.kwargs.name);
    if (!columns) return (unresolved(state.notes, file, item, l10n.t('UniqueConstraint columns')), true);
    if (!written) return true;
    parts.uniques.push({ name: conventionalName(state, 'uq', written, { table, columns }, () => uniqueName(table, columns), location), columns });
    return true;
  }
  if (isItem(item, state, 'ForeignKeyConstraint')) {
    const columns = stringItems(argOf(item, 0, 'columns'));
    const refs = stringItems(argOf(item, 1, 'refcolumns'))?.map(splitReference);
    if (!columns || !refs || refs.some((r) => r === null) || refs.length === 0)
      return (unresolved(state.notes, file, item, l10n.t('ForeignKeyConstraint columns')), true);
    const targets = refs as { table: string; column: string }[];
    const written = nameOf(argOf(item, 2, 'name'));
    if (!written) return true;
    const refTable = (targets[0] as { table: string }).table;
    const refColumns = targets.map((t) => t.column);
    parts.foreignKeys.push({
      name: conventionalName(
        state,
        'fk',
        written,
        { table, columns, referredTable: refTable, referredColumns: refColumns },
        () => foreignKeyName(table, columns),
        location,
      ),
      columns,
      refTable,
      refColumns,
      onDelete: onDeleteValue(item.kwargs.ondelete),
    });
    return true;
  }
  if (isItem(item, state, 'CheckConstraint')) {
    const sqlExpr = argOf(item, 0, 'sqltext');
    const sql = strValue(sqlExpr) ?? (sqlExpr?.kind === 'call' ? strValue(sqlExpr.args[0]) : undefined);
    if (sql === undefined) return (unresolved(state.notes, file, item, l10n.t('CheckConstraint expression')), true);
    const written = nameOf(argOf(item, 1, 'name'));
    if (!written) return true;
    const name = conventionalName(state, 'ck', written, { table, columns: [] }, () => tableCheckName(table, sql, columnNames), location);
    parts.checks.push({ name, expression: sql });
    return true;
  }
  if (isItem(item, state, 'Index')) {
    const written = writtenName(argOf(item, 0, 'name'));
    const columns = columnsOf(item.args.slice(1));
    if (!written || !columns) return (unresolved(state.notes, file, item, l10n.t('Index name or columns')), true);
    const unique = item.kwargs.unique?.kind === 'bool' && item.kwargs.unique.value;
    const name = conventionalName(state, 'ix', written, { table, columns, unique }, () => columnIndexName(table, columns[0] ?? ''), location);
    parts.indexes.push({ name, columns, unique });
    return true;
  }
  return false;
}

/** The constraints and indexes a column's own flags create. */
function columnParts(column: ColumnRead, table: string, parts: TableParts, state: Replay, location: SourceLocation): void {
  const name = column.def.name;
  const unnamed: WrittenName = { name: null, conv: false };
  const named = (written: string | null): WrittenName => ({ name: written, conv: false });
  if (column.index)
    parts.indexes.push({
      name: conventionalName(state, 'ix', unnamed, { table, columns: [name], unique: column.unique }, () => columnIndexName(table, name), location),
      columns: [name],
      unique: column.unique,
    });
  else if (column.unique)
    parts.uniques.push({
      name: conventionalName(state, 'uq', unnamed, { table, columns: [name] }, () => uniqueName(table, [name]), location),
      columns: [name],
    });
  for (const fk of column.foreignKeys) {
    const subject = { table, columns: [name], referredTable: fk.refTable, referredColumns: [fk.refColumn] };
    parts.foreignKeys.push({
      name: conventionalName(state, 'fk', named(fk.name), subject, () => foreignKeyName(table, [name]), location),
      columns: [name],
      refTable: fk.refTable,
      refColumns: [fk.refColumn],
      onDelete: fk.onDelete,
    });
  }
  // A CHECK written inside Column() is a column constraint: "<table>_<column>_check".
  for (const check of column.checks)
    parts.checks.push({
      name: conventionalName(state, 'ck', named(check.name), { table, columns: [name] }, () => checkName(table, name), location),
      expression: check.expression,
    });
}

/** CREATE TYPE for each enum the table's columns use, once per name (SQLAlchemy memoizes within one CREATE TABLE). */
function enumOps(columns: ColumnRead[], location: SourceLocation): MigrationOp[] {
  const seen = new Set<string>();
  const ops: MigrationOp[] = [];
  for (const column of columns) {
    const e = column.enum;
    if (!e || !e.createWithTable || seen.has(e.name)) continue;
    seen.add(e.name);
    ops.push({ kind: 'createEnum', name: e.name, values: [...e.values], location });
  }
  return ops;
}

/**
 * The columns whose type the project decides, with the SERIAL default each would get if that type is an
 * integer (SQLAlchemy's autoincrement rules, read as if it were one).
 */
function importedColumnTypes(
  table: string,
  columns: ColumnRead[],
  pkColumns: string[],
  foreignKeyColumns: Set<string>,
  serial: string | null,
): ImportedColumnType[] {
  const out: ImportedColumnType[] = [];
  for (const column of columns) {
    if (!column.imported) continue;
    const asInteger = columns.map((c) => (c === column ? { ...c, def: { ...c.def, type: 'integer' } } : c));
    const serialIfInteger = serial === null && autoincrementColumn(asInteger, pkColumns, foreignKeyColumns) === column.def.name;
    out.push({ column: column.def.name, ...column.imported, ...(serialIfInteger ? { serial: serialDefault(table, column.def.name) } : {}) });
  }
  return out;
}

export function createTableOps(call: CallExpr, state: Replay, location: SourceLocation): MigrationOp[] {
  const tableExpr = argOf(call, 0, 'table_name');
  const table = strValue(tableExpr);
  if (table === undefined) return (unresolved(state.notes, state.scope.module.file, tableExpr ?? call, l10n.t('create_table name')), []);
  const columns: ColumnRead[] = [];
  const parts: TableParts = { primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [] };
  const tableItems: CallExpr[] = [];
  for (const item of call.args.slice(call.kwargs.table_name ? 0 : 1)) {
    if (item.kind === 'call' && isItem(item, state, 'Column')) {
      const column = readColumn(item, state);
      if (column) columns.push(column);
    } else if (item.kind === 'call') {
      tableItems.push(item);
    } else {
      unresolved(state.notes, state.scope.module.file, item, l10n.t('create_table argument'));
    }
  }
  const columnNames = columns.map((c) => c.def.name);
  for (const item of tableItems) {
    if (!readTableItem(item, table, parts, state, columnNames, location))
      unresolved(state.notes, state.scope.module.file, item, l10n.t('create_table argument {0}', calleeName(item) ?? ''));
  }
  const inlinePk = columns.filter((c) => c.primaryKey).map((c) => c.def.name);
  if (!parts.primaryKey && inlinePk.length > 0)
    parts.primaryKey = {
      name: conventionalName(state, 'pk', { name: null, conv: false }, { table, columns: inlinePk }, () => primaryKeyName(table), location),
      columns: inlinePk,
    };
  const pkColumns = parts.primaryKey?.columns ?? [];
  // A primary key that is also a foreign key (joined inheritance) is never SERIAL.
  const foreignKeyColumns = new Set([
    ...parts.foreignKeys.flatMap((f) => f.columns),
    ...columns.filter((c) => c.foreignKeys.length > 0).map((c) => c.def.name),
  ]);
  const serial = autoincrementColumn(columns, pkColumns, foreignKeyColumns);
  const defs: ColumnDef[] = columns.map((c) => {
    const inPk = pkColumns.includes(c.def.name);
    const def: ColumnDef = { ...c.def, nullable: inPk ? false : c.def.nullable };
    if (c.def.name === serial) def.default = serialDefault(table, c.def.name);
    return def;
  });
  for (const column of columns) columnParts(column, table, parts, state, location);
  const importedTypes = importedColumnTypes(table, columns, pkColumns, foreignKeyColumns, serial);
  const enumTypes = [...new Set(columns.flatMap((c) => (c.enum ? [c.enum.name] : [])))];
  const createTable: MigrationOp = {
    kind: 'createTable',
    table,
    columns: defs,
    primaryKey: parts.primaryKey,
    uniques: parts.uniques,
    foreignKeys: parts.foreignKeys,
    checks: parts.checks,
    ...(enumTypes.length > 0 ? { enumTypes } : {}),
    ...(importedTypes.length > 0 ? { importedTypes } : {}),
    location,
  };
  const indexes: MigrationOp[] = parts.indexes.map((index) => ({ kind: 'createIndex', table, index, location }));
  return [...enumOps(columns, location), createTable, ...indexes];
}

/** op.add_column(table, Column) / batch_op.add_column(Column): the column plus its flags' constraints and indexes. */
export function addColumnOps(table: string, columnExpr: PyExpr | undefined, state: Replay, location: SourceLocation): MigrationOp[] {
  if (!columnExpr || columnExpr.kind !== 'call' || !isItem(columnExpr, state, 'Column')) {
    unresolved(state.notes, state.scope.module.file, columnExpr ?? { kind: 'none', range: location.range }, l10n.t('add_column column'));
    return [];
  }
  const column = readColumn(columnExpr, state);
  if (!column) return [];
  const parts: TableParts = { primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [] };
  columnParts(column, table, parts, state, location);
  const def: ColumnDef = { ...column.def };
  // Alembic adds no PRIMARY KEY here, but SQLAlchemy still renders an integer primary_key column as SERIAL.
  if (column.primaryKey && isIntegerType(def.type) && column.autoincrement !== false && !column.hasServerDefault && column.foreignKeys.length === 0) {
    def.default = serialDefault(table, def.name);
  }
  // Alembic's add_column never creates the enum type: applying the op checks that it exists by then.
  if (column.checks.length > 0) {
    state.notes.push({
      severity: 'warning',
      kind: 'check-not-created',
      message: l10n.t("Alembic's add_column ignores a CheckConstraint inside Column(); add it with op.create_check_constraint"),
      location,
    });
  }
  const imported: ImportedColumnType | null = column.imported
    ? {
        column: def.name,
        ...column.imported,
        ...(column.primaryKey && column.autoincrement !== false && !column.hasServerDefault && column.foreignKeys.length === 0
          ? { serial: serialDefault(table, def.name) }
          : {}),
      }
    : null;
  const ops: MigrationOp[] = [
    {
      kind: 'addColumn',
      table,
      column: def,
      location,
      ...(column.enum ? { enumLabels: [...column.enum.values] } : {}),
      ...(imported ? { importedType: imported } : {}),
    },
  ];
  for (const key of parts.uniques) ops.push({ kind: 'createUnique', table, key, location });
  for (const foreignKey of parts.foreignKeys) ops.push({ kind: 'createForeignKey', table, foreignKey, location });
  for (const index of parts.indexes) ops.push({ kind: 'createIndex', table, index, location });
  return ops;
}
