// op.create_index / drop_index / create_*_constraint / create_primary_key / drop_constraint → ops.
import * as l10n from '@vscode/l10n';
import { boolValue, strValue } from '../../python/expr';
import type { ConstraintType, MigrationOp } from '../../schema/ops';
import type { ConventionKind } from '../../schema/naming';
import type { SourceLocation } from '../../source';
import { argOf, nameValue, onDeleteValue, stringItems, unresolved, type CallExpr } from './args';
import { checkName, columnIndexName, foreignKeyName, primaryKeyName, uniqueName } from './pgNames';
import { conventionalName, writtenName } from './conventionNames';
import type { Replay } from './replayState';

type Handler = (call: CallExpr, state: Replay, location: SourceLocation) => MigrationOp[];

/** Reads the named arguments, or notes the first one that is not static and gives up on the op. */
function read<T>(state: Replay, call: CallExpr, value: T | undefined, what: string): value is T {
  if (value === undefined) unresolved(state.notes, state.scope.module.file, call, what);
  return value !== undefined;
}

const CONSTRAINT_TYPES: Record<string, ConstraintType> = { unique: 'unique', foreignkey: 'foreignkey', check: 'check', primary: 'primary' };
const CONVENTION_KIND: Record<ConstraintType, ConventionKind> = { unique: 'uq', foreignkey: 'fk', check: 'ck', primary: 'pk' };

const createIndex: Handler = (call, state, location) => {
  const written = writtenName(argOf(call, 0, 'index_name'));
  const table = strValue(argOf(call, 1, 'table_name'));
  const columns = stringItems(argOf(call, 2, 'columns'));
  if (
    !read(state, call, written, l10n.t('index name')) ||
    !read(state, call, table, l10n.t('index table')) ||
    !read(state, call, columns, l10n.t('index columns'))
  )
    return [];
  if (call.kwargs.postgresql_where) {
    state.notes.push({ severity: 'info', kind: 'partial-index', message: l10n.t('partial index: the WHERE clause is not compared'), location });
  }
  const concurrently = boolValue(call.kwargs.postgresql_concurrently) === true;
  const unique = boolValue(argOf(call, 4, 'unique')) === true;
  const name = conventionalName(state, 'ix', written, { table, columns, unique }, () => columnIndexName(table, columns[0] ?? ''), location);
  return [{ kind: 'createIndex', table, index: { name, columns, unique }, ...(concurrently ? { concurrently } : {}), location }];
};

const dropIndex: Handler = (call, state, location) => {
  const written = writtenName(argOf(call, 0, 'index_name'));
  if (!read(state, call, written?.name ?? undefined, l10n.t('index name')) || !written?.name) return [];
  const table = strValue(argOf(call, 1, 'table_name')) ?? null;
  // Alembic builds the index it drops on one column "x" (DropIndexOp.to_index): only %(constraint_name)s can rename it.
  const name = conventionalName(state, 'ix', written, { table: table ?? '', columns: ['x'] }, () => written.name as string, location);
  return [{ kind: 'dropIndex', table, name, location }];
};

const createUnique: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'table_name'));
  const columns = stringItems(argOf(call, 2, 'columns'));
  if (!read(state, call, table, l10n.t('table name')) || !read(state, call, columns, l10n.t('columns'))) return [];
  const written = writtenName(argOf(call, 0, 'constraint_name'));
  if (!read(state, call, written, l10n.t('constraint name'))) return [];
  const name = conventionalName(state, 'uq', written, { table, columns }, () => uniqueName(table, columns), location);
  return [{ kind: 'createUnique', table, key: { name, columns }, location }];
};

const createPrimaryKey: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'table_name'));
  const columns = stringItems(argOf(call, 2, 'columns'));
  if (!read(state, call, table, l10n.t('table name')) || !read(state, call, columns, l10n.t('columns'))) return [];
  const written = writtenName(argOf(call, 0, 'constraint_name'));
  if (!read(state, call, written, l10n.t('constraint name'))) return [];
  const name = conventionalName(state, 'pk', written, { table, columns }, () => primaryKeyName(table), location);
  return [{ kind: 'createPrimaryKey', table, key: { name, columns }, location }];
};

const createForeignKey: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'source_table'));
  const refTable = strValue(argOf(call, 2, 'referent_table'));
  const columns = stringItems(argOf(call, 3, 'local_cols'));
  const refColumns = stringItems(argOf(call, 4, 'remote_cols'));
  if (
    !read(state, call, table, l10n.t('source table')) ||
    !read(state, call, refTable, l10n.t('referent table')) ||
    !read(state, call, columns, l10n.t('local columns')) ||
    !read(state, call, refColumns, l10n.t('remote columns'))
  )
    return [];
  const written = writtenName(argOf(call, 0, 'constraint_name'));
  if (!read(state, call, written, l10n.t('constraint name'))) return [];
  const subject = { table, columns, referredTable: refTable, referredColumns: refColumns };
  const name = conventionalName(state, 'fk', written, subject, () => foreignKeyName(table, columns), location);
  return [
    { kind: 'createForeignKey', table, foreignKey: { name, columns, refTable, refColumns, onDelete: onDeleteValue(argOf(call, 6, 'ondelete')) }, location },
  ];
};

const createCheck: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'table_name'));
  const condition = argOf(call, 2, 'condition');
  const expression = strValue(condition) ?? (condition?.kind === 'call' ? strValue(condition.args[0]) : undefined);
  if (!read(state, call, table, l10n.t('table name')) || !read(state, call, expression, l10n.t('check condition'))) return [];
  const written = writtenName(argOf(call, 0, 'constraint_name'));
  if (!read(state, call, written, l10n.t('constraint name'))) return [];
  const name = conventionalName(state, 'ck', written, { table, columns: [] }, () => checkName(table, null), location);
  return [{ kind: 'createCheck', table, check: { name, expression }, location }];
};

const dropConstraint: Handler = (call, state, location) => {
  const written = nameValue(argOf(call, 0, 'constraint_name'));
  if (written === null) {
    // Autogenerate writes drop_constraint(None, ...) when the database chose the name.
    state.notes.push({
      severity: 'error',
      kind: 'unnamed-constraint',
      message: l10n.t('drop_constraint(None, ...): Alembic needs the constraint name and fails here; write the name PostgreSQL gave it'),
      location,
    });
    return [];
  }
  const table = strValue(argOf(call, 1, 'table_name'));
  if (!read(state, call, written, l10n.t('constraint name')) || !read(state, call, table, l10n.t('table name'))) return [];
  const typeName = strValue(argOf(call, 2, 'type_'));
  const type = typeName ? (CONSTRAINT_TYPES[typeName] ?? null) : null;
  // Alembic attaches a constraint of that type to a table of its MetaData: a convention with %(constraint_name)s renames it too.
  const kind = type === null ? null : CONVENTION_KIND[type];
  const conv = argOf(call, 0, 'constraint_name');
  const given = writtenName(conv) ?? { name: written, conv: false };
  const name = kind ? conventionalName(state, kind, given, { table, columns: [] }, () => written, location) : written;
  return [{ kind: 'dropConstraint', table, name, type, location }];
};

export const constraintOps = {
  create_index: createIndex,
  drop_index: dropIndex,
  create_unique_constraint: createUnique,
  create_primary_key: createPrimaryKey,
  create_foreign_key: createForeignKey,
  create_check_constraint: createCheck,
  drop_constraint: dropConstraint,
};
