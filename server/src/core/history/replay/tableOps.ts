// op.drop_table / rename_table / drop_column / alter_column → ops.
import { boolValue, strValue, type PyExpr } from '../../python/expr';
import type { AlterColumnOp, ImportedType, MigrationOp } from '../../schema/ops';
import type { ColumnSchema } from '../../schema/types';
import { sqlaTypeToPg } from '../../schema/sqlaTypes';
import { unresolvedTypeSpelling } from '../../python/exprSource';
import { isUnresolvedType } from '../../diff/compare';
import { serverDefaultToPg } from '../../schema/defaults';
import type { SourceLocation } from '../../source';
import { argOf, unresolved, type CallExpr } from './args';
import { typeOptions } from './context';
import { importedTypeOf } from './importedTypes';
import type { Replay } from './replayState';

/**
 * server_default text depends on the column type (PostgreSQL prints '0' on an integer as 0).
 * When alter_column names no type, the replay guesses one and applyOps re-reads the default
 * with the column's real type through this side table.
 */
export const deferredDefaults = new WeakMap<AlterColumnOp, (columnType: string) => string | null>();

function tableArg(call: CallExpr, state: Replay, index: number, keyword: string): string | undefined {
  const expr = argOf(call, index, keyword);
  const value = strValue(expr);
  if (value === undefined) unresolved(state.notes, state.scope.module.file, expr ?? call, `${keyword}`);
  return value;
}

export function dropTableOps(call: CallExpr, state: Replay, location: SourceLocation): MigrationOp[] {
  const table = tableArg(call, state, 0, 'table_name');
  return table === undefined ? [] : [{ kind: 'dropTable', table, location }];
}

export function renameTableOps(call: CallExpr, state: Replay, location: SourceLocation): MigrationOp[] {
  const from = tableArg(call, state, 0, 'old_table_name');
  const to = tableArg(call, state, 1, 'new_table_name');
  return from === undefined || to === undefined ? [] : [{ kind: 'renameTable', from, to, location }];
}

export function dropColumnOps(call: CallExpr, state: Replay, location: SourceLocation): MigrationOp[] {
  const table = tableArg(call, state, 0, 'table_name');
  const column = tableArg(call, state, 1, 'column_name');
  return table === undefined || column === undefined ? [] : [{ kind: 'dropColumn', table, column, location }];
}

function enumLabelsOf(expr: PyExpr | undefined, state: Replay): string[] | undefined {
  if (!expr || expr.kind === 'none') return undefined;
  const result = sqlaTypeToPg(expr, (d) => state.scope.module.qualify(d), typeOptions(state.scope.module));
  return 'problem' in result ? undefined : result.enum?.values;
}

/** The type as PostgreSQL spells it; `unresolved` says what to give for a type that cannot be read (a note says why). */
function pgType(expr: PyExpr | undefined, state: Replay, what: string, unresolved: 'placeholder' | 'nothing'): string | undefined {
  if (!expr || expr.kind === 'none') return undefined;
  const result = sqlaTypeToPg(expr, (d) => state.scope.module.qualify(d), typeOptions(state.scope.module));
  if ('problem' in result) {
    state.notes.push({
      severity: 'warning',
      kind: 'unresolved-type',
      message: `${what}: ${result.problem}`,
      location: { file: state.scope.module.file, range: expr.range },
    });
    return unresolved === 'placeholder' ? unresolvedTypeSpelling(expr) : undefined;
  }
  return result.type;
}

/** A type the revision could not read because it names an import from the project (see importedTypes.ts). */
function imported(expr: PyExpr, state: Replay): ImportedType | null {
  const result = sqlaTypeToPg(expr, (d) => state.scope.module.qualify(d), typeOptions(state.scope.module));
  return 'problem' in result ? importedTypeOf(expr, state.scope.module, result.problem) : null;
}

/** server_default= as pg text for a column type; undefined when it can't be read (a note says why). */
function defaultText(expr: PyExpr, columnType: string, state: Replay, report: boolean): string | null | undefined {
  if (expr.kind === 'none') return null;
  const result = serverDefaultToPg(expr, columnType, { qualify: (d) => state.scope.module.qualify(d), ...typeOptions(state.scope.module) });
  if ('problem' in result) {
    if (report)
      state.notes.push({
        severity: 'warning',
        kind: 'unresolved-default',
        message: `server_default: ${result.problem}`,
        location: { file: state.scope.module.file, range: expr.range },
      });
    return undefined;
  }
  return result.default;
}

export function alterColumnOps(call: CallExpr, state: Replay, location: SourceLocation): MigrationOp[] {
  const table = tableArg(call, state, 0, 'table_name');
  const column = tableArg(call, state, 1, 'column_name');
  if (table === undefined || column === undefined) return [];
  const k = call.kwargs;
  const op: AlterColumnOp = { kind: 'alterColumn', table, column, location };
  // A new type the replay cannot read leaves the column's type unknown (not the old one): compared by presence only.
  const type = pgType(k.type_, state, `alter_column ${table}.${column} type_`, 'placeholder');
  // alter_column never creates the enum type: applying the op checks that it exists by then.
  const enumLabels = type !== undefined && !isUnresolvedType(type) ? enumLabelsOf(k.type_, state) : undefined;
  if (enumLabels) op.enumLabels = enumLabels;
  const existingType = pgType(k.existing_type, state, `alter_column ${table}.${column} existing_type`, 'nothing');
  if (type !== undefined) op.type = type;
  const using = strValue(k.postgresql_using);
  if (using !== undefined) op.using = using;
  const nullable = boolValue(k.nullable);
  if (k.nullable && k.nullable.kind !== 'none') {
    if (nullable === undefined) unresolved(state.notes, state.scope.module.file, k.nullable, 'nullable=');
    else op.nullable = nullable;
  }
  const serverDefault = k.server_default;
  // server_default=False (Alembic's "unchanged" sentinel) is the default; None drops it.
  if (serverDefault && !(serverDefault.kind === 'bool' && !serverDefault.value)) {
    const assumedType = type ?? existingType;
    const text = defaultText(serverDefault, assumedType ?? 'text', state, true);
    if (text !== undefined) {
      op.default = text;
      if (assumedType === undefined && text !== null) deferredDefaults.set(op, (realType) => defaultText(serverDefault, realType, state, false) ?? text);
    }
  }
  const newName = strValue(k.new_column_name);
  if (newName !== undefined) op.newName = newName;
  const importedType = type !== undefined && isUnresolvedType(type) && k.type_ ? imported(k.type_, state) : null;
  const importedExisting = existingType === undefined && k.existing_type && k.existing_type.kind !== 'none' ? imported(k.existing_type, state) : null;
  if (importedType || importedExisting)
    op.importedTypes = {
      ...(importedType ? { type: importedType } : {}),
      ...(importedExisting ? { existing: { ...importedExisting, nullable: boolValue(k.existing_nullable) ?? true } } : {}),
    };
  if (existingType !== undefined) {
    const existing: ColumnSchema = { type: existingType, nullable: boolValue(k.existing_nullable) ?? true, default: null };
    if (k.existing_server_default) existing.default = defaultText(k.existing_server_default, existingType, state, false) ?? null;
    op.existing = existing;
  }
  return [op];
}
