// sa.Column(...) inside op.create_table / op.add_column → the column PostgreSQL ends up with,
// plus what the column implies: primary key membership, unique/index flags, inline foreign keys,
// inline checks, and the enum type it uses.
import * as l10n from '@vscode/l10n';
import { boolValue, calleeName, strValue, type PyExpr } from '../../python/expr';
import type { ColumnDef, ImportedType } from '../../schema/ops';
import { unresolvedTypeSpelling } from '../../python/exprSource';
import { sqlaTypeToPg, type PgEnumType } from '../../schema/sqlaTypes';
import { serverDefaultToPg } from '../../schema/defaults';
import { argOf, nameValue, onDeleteValue, splitReference, type CallExpr } from './args';
import { typeOptions } from './context';
import { importedTypeOf } from './importedTypes';
import type { Replay } from './replayState';

export interface InlineForeignKey {
  name: string | null;
  refTable: string;
  refColumn: string;
  onDelete: string | null;
}

export interface ColumnRead {
  def: ColumnDef;
  primaryKey: boolean;
  unique: boolean;
  index: boolean;
  /** autoincrement=: true/false when given, 'auto' otherwise. */
  autoincrement: boolean | 'auto';
  identity: boolean;
  hasServerDefault: boolean;
  foreignKeys: InlineForeignKey[];
  checks: { name: string | null; expression: string }[];
  /** The enum type the column uses, and whether SQLAlchemy would create it with the table. */
  enum: (PgEnumType & { createWithTable: boolean }) | null;
  /** A type the revision imports from the project: its SQL type is resolved after the parse (revisionTypes.ts). */
  imported?: { type: ImportedType; createType: boolean; serverDefault?: PyExpr };
}

const INTEGER_TYPES = new Set(['integer', 'bigint', 'smallint']);

export function isIntegerType(type: string): boolean {
  return INTEGER_TYPES.has(type);
}

/** The SQLAlchemy type's canonical name (`sqlalchemy.Integer`), for telling types from other Column arguments. */
function qualifiedCallee(expr: PyExpr, state: Replay): string | null {
  const written = calleeName(expr);
  return written === null ? null : state.scope.module.qualify(written);
}

function isSchemaItem(qualified: string | null, item: string): boolean {
  return qualified === `sqlalchemy.${item}` || qualified === `sqlalchemy.schema.${item}`;
}

function readForeignKey(expr: CallExpr, state: Replay): InlineForeignKey | null {
  const target = strValue(argOf(expr, 0, 'column'));
  const ref = target ? splitReference(target) : null;
  if (!ref) {
    state.notes.push({
      severity: 'warning',
      kind: 'unresolved-argument',
      message: l10n.t('ForeignKey target is not a "table.column" string; the foreign key was not replayed'),
      location: { file: state.scope.module.file, range: expr.range },
    });
    return null;
  }
  return { name: nameValue(expr.kwargs.name) ?? null, refTable: ref.table, refColumn: ref.column, onDelete: onDeleteValue(expr.kwargs.ondelete) };
}

interface TypeRead {
  type: string;
  enum: PgEnumType | null;
  createWithTable: boolean;
  imported?: ImportedType;
}

/** postgresql.ENUM(..., create_type=False) names an existing type; sa.Enum always creates it with the table. */
function createsType(expr: PyExpr): boolean {
  return !(expr.kind === 'call' && boolValue(expr.kwargs.create_type) === false);
}

function typeOf(expr: PyExpr | undefined, state: Replay, name: string): TypeRead {
  const file = state.scope.module.file;
  if (!expr) {
    state.notes.push({
      severity: 'warning',
      kind: 'unresolved-type',
      message: l10n.t('column "{0}" has no type; SQLAlchemy takes it from its foreign key target, which the replay does not follow', name),
      location: undefined,
    });
    return { type: unresolvedTypeSpelling(undefined, 'foreign key target'), enum: null, createWithTable: false };
  }
  const result = sqlaTypeToPg(expr, (d) => state.scope.module.qualify(d), typeOptions(state.scope.module));
  if ('problem' in result) {
    state.notes.push({
      severity: 'warning',
      kind: 'unresolved-type',
      message: l10n.t('column "{0}": {1}', name, result.problem),
      location: { file, range: expr.range },
    });
    // Spelled as the models spell an unresolved type: compared by presence only, so no finding rests on it.
    const imported = importedTypeOf(expr, state.scope.module, result.problem);
    return { type: unresolvedTypeSpelling(expr), enum: null, createWithTable: false, ...(imported ? { imported } : {}) };
  }
  return { type: result.type, enum: result.enum ?? null, createWithTable: createsType(expr) };
}

/** Reads sa.Column(name, type, *items, **kw). Returns null (with a note) when the name is not static. */
export function readColumn(expr: CallExpr, state: Replay): ColumnRead | null {
  const file = state.scope.module.file;
  const args = [...expr.args];
  const name = strValue(expr.kwargs.name) ?? (args[0]?.kind === 'str' ? (args.shift() as { value: string }).value : undefined);
  if (name === undefined) {
    state.notes.push({
      severity: 'warning',
      kind: 'unresolved-argument',
      message: l10n.t('the column name is not a string literal; the column was not replayed'),
      location: { file, range: expr.range },
    });
    return null;
  }
  let typeExpr: PyExpr | undefined = expr.kwargs.type_;
  const foreignKeys: InlineForeignKey[] = [];
  const checks: { name: string | null; expression: string }[] = [];
  let identity = false;
  for (const item of args) {
    const qualified = qualifiedCallee(item, state);
    if (isSchemaItem(qualified, 'ForeignKey') && item.kind === 'call') {
      const fk = readForeignKey(item, state);
      if (fk) foreignKeys.push(fk);
    } else if (isSchemaItem(qualified, 'CheckConstraint') && item.kind === 'call') {
      const sql = strValue(argOf(item, 0, 'sqltext')) ?? (item.args[0]?.kind === 'call' ? strValue(item.args[0].args[0]) : undefined);
      if (sql !== undefined) checks.push({ name: nameValue(item.kwargs.name) ?? null, expression: sql });
    } else if (isSchemaItem(qualified, 'Identity')) {
      identity = true;
    } else if (isSchemaItem(qualified, 'Sequence') || isSchemaItem(qualified, 'Computed')) {
      state.notes.push({
        severity: 'info',
        kind: 'unsupported-argument',
        message: l10n.t('{0} on column "{1}" is not modelled', String(calleeName(item)), name),
        location: { file, range: item.range },
      });
    } else if (typeExpr === undefined) {
      typeExpr = item;
    }
  }
  const { type, enum: enumType, createWithTable, imported } = typeOf(typeExpr, state, name);
  const primaryKey = boolValue(expr.kwargs.primary_key) === true;
  const nullableExpr = expr.kwargs.nullable;
  const nullable = nullableExpr === undefined ? !primaryKey && !identity : (boolValue(nullableExpr) ?? true);
  let defaultText: string | null = null;
  const serverDefault = expr.kwargs.server_default;
  if (serverDefault && serverDefault.kind !== 'none') {
    const result = serverDefaultToPg(serverDefault, type, { qualify: (d) => state.scope.module.qualify(d), ...typeOptions(state.scope.module) });
    if ('problem' in result) {
      state.notes.push({
        severity: 'warning',
        kind: 'unresolved-default',
        message: l10n.t('column "{0}": {1}', name, result.problem),
        location: { file, range: serverDefault.range },
      });
    } else {
      defaultText = result.default;
      if (result.note)
        state.notes.push({
          severity: 'info',
          kind: 'raw-default',
          message: l10n.t('column "{0}": {1}', name, result.note),
          location: { file, range: serverDefault.range },
        });
    }
  }
  const autoincrementExpr = expr.kwargs.autoincrement;
  const autoincrement = autoincrementExpr === undefined || autoincrementExpr.kind === 'str' ? 'auto' : (boolValue(autoincrementExpr) ?? 'auto');
  const comment = strValue(expr.kwargs.comment);
  const def: ColumnDef = { name, type, nullable: primaryKey ? false : nullable, default: defaultText, ...(comment !== undefined ? { comment } : {}) };
  return {
    def,
    primaryKey,
    unique: boolValue(expr.kwargs.unique) === true,
    index: boolValue(expr.kwargs.index) === true,
    autoincrement,
    identity,
    hasServerDefault: defaultText !== null,
    foreignKeys,
    checks,
    enum: enumType ? { ...enumType, createWithTable } : null,
    ...(imported && typeExpr
      ? { imported: { type: imported, createType: createsType(typeExpr), ...(serverDefault && serverDefault.kind !== 'none' ? { serverDefault } : {}) } }
      : {}),
  };
}
