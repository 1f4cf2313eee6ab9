// op.create_index / drop_index / create_*_constraint / create_primary_key / drop_constraint → ops.
import * as l10n from '@vscode/l10n';
import { boolValue, strValue } from '../../python/expr';
import type { ConstraintType, MigrationOp } from '../../schema/ops';
import type { SourceLocation } from '../../source';
import { argOf, nameValue, onDeleteValue, stringItems, unresolved, type CallExpr } from './args';
import { checkName, foreignKeyName, primaryKeyName, uniqueName } from './pgNames';
import type { Replay } from './replayState';

type Handler = (call: CallExpr, state: Replay, location: SourceLocation) => MigrationOp[];

/** Reads the named arguments, or notes the first one that is not static and gives up on the op. */
function read<T>(state: Replay, call: CallExpr, value: T | undefined, what: string): value is T {
  if (value === undefined) unresolved(state.notes, state.scope.module.file, call, what);
  return value !== undefined;
}

const CONSTRAINT_TYPES: Record<string, ConstraintType> = { unique: 'unique', foreignkey: 'foreignkey', check: 'check', primary: 'primary' };

const createIndex: Handler = (call, state, location) => {
  const name = nameValue(argOf(call, 0, 'index_name')) ?? undefined;
  const table = strValue(argOf(call, 1, 'table_name'));
  const columns = stringItems(argOf(call, 2, 'columns'));
  if (
    !read(state, call, name, l10n.t('index name')) ||
    !read(state, call, table, l10n.t('index table')) ||
    !read(state, call, columns, l10n.t('index columns'))
  )
    return [];
  if (call.kwargs.postgresql_where) {
    state.notes.push({ severity: 'info', kind: 'partial-index', message: l10n.t('partial index: the WHERE clause is not compared'), location });
  }
  const concurrently = boolValue(call.kwargs.postgresql_concurrently) === true;
  const unique = boolValue(argOf(call, 4, 'unique')) === true;
  return [{ kind: 'createIndex', table, index: { name, columns, unique }, ...(concurrently ? { concurrently } : {}), location }];
};

const dropIndex: Handler = (call, state, location) => {
  const name = nameValue(argOf(call, 0, 'index_name')) ?? undefined;
  if (!read(state, call, name, l10n.t('index name'))) return [];
  const table = strValue(argOf(call, 1, 'table_name')) ?? null;
  return [{ kind: 'dropIndex', table, name, location }];
};

const createUnique: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'table_name'));
  const columns = stringItems(argOf(call, 2, 'columns'));
  if (!read(state, call, table, l10n.t('table name')) || !read(state, call, columns, l10n.t('columns'))) return [];
  const name = nameValue(argOf(call, 0, 'constraint_name')) ?? uniqueName(table, columns);
  return [{ kind: 'createUnique', table, key: { name, columns }, location }];
};

const createPrimaryKey: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'table_name'));
  const columns = stringItems(argOf(call, 2, 'columns'));
  if (!read(state, call, table, l10n.t('table name')) || !read(state, call, columns, l10n.t('columns'))) return [];
  const name = nameValue(argOf(call, 0, 'constraint_name')) ?? primaryKeyName(table);
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
  const name = nameValue(argOf(call, 0, 'constraint_name')) ?? foreignKeyName(table, columns);
  return [
    { kind: 'createForeignKey', table, foreignKey: { name, columns, refTable, refColumns, onDelete: onDeleteValue(argOf(call, 6, 'ondelete')) }, location },
  ];
};

const createCheck: Handler = (call, state, location) => {
  const table = strValue(argOf(call, 1, 'table_name'));
  const condition = argOf(call, 2, 'condition');
  const expression = strValue(condition) ?? (condition?.kind === 'call' ? strValue(condition.args[0]) : undefined);
  if (!read(state, call, table, l10n.t('table name')) || !read(state, call, expression, l10n.t('check condition'))) return [];
  const name = nameValue(argOf(call, 0, 'constraint_name')) ?? checkName(table, null);
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
  const name = written;
  const table = strValue(argOf(call, 1, 'table_name'));
  if (!read(state, call, name, l10n.t('constraint name')) || !read(state, call, table, l10n.t('table name'))) return [];
  const typeName = strValue(argOf(call, 2, 'type_'));
  return [{ kind: 'dropConstraint', table, name, type: typeName ? (CONSTRAINT_TYPES[typeName] ?? null) : null, location }];
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
