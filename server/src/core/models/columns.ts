// One Column(...) / mapped_column(...) (or a bare `Mapped[...]` annotation) → a ColumnDecl, with
// SQLAlchemy's own defaults: primary keys are NOT NULL, Column is nullable otherwise, and in 2.0
// nullability follows Optional[...] unless nullable= says otherwise.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../noteKinds';
import { boolValue, calleeName, strValue, type PyExpr } from '../python/expr';
import type { Range } from '../source';
import { unresolvedTypeSpelling } from '../python/exprSource';
import { enumMemberText } from '../schema/defaults';
import { sqlaTypeToPg, type PgTypeResult, type PyEnumClass } from '../schema/sqlaTypes';
import type { MappedAnnotation, TypeExpr } from './annotations';
import type { ColumnDecl, ForeignKeyDecl, Qualify } from './decls';
import { inlineCall, type ConstantOf } from './constants';

export type ColumnRef = { table: string; column: string } | { problem: string };

export interface ColumnContext {
  file: string;
  qualify: Qualify;
  resolveEnumClass: (dotted: string) => PyEnumClass | null;
  /** Project TypeDecorators and library types (see customTypes.ts); null when the expression is none. */
  resolveCustomType: (expr: PyExpr) => PgTypeResult | null;
  /** The SQL type for a Python type in Mapped[...] (type_annotation_map, then SQLAlchemy 2.0's defaults). */
  pythonType: (type: TypeExpr) => PgTypeResult;
  /** "user.id" or User.id → table and column. */
  resolveColumnRef: (expr: PyExpr) => ColumnRef;
  note: (message: string, range: Range, kind?: NoteKind) => void;
  /** The literal a name in the column's arguments stands for (a module constant), for inlineCall. */
  constantOf: ConstantOf;
}

/** The flags a column takes as literal True/False. */
const BOOLEAN_FLAGS = ['primary_key', 'unique', 'index', 'nullable'] as const;

const COLUMN_FACTORIES = new Set(['sqlalchemy.Column', 'sqlalchemy.orm.mapped_column', 'sqlalchemy.orm.Column']);

/** True for Column(...), sa.Column(...), db.Column(...), mapped_column(...). */
export function asColumnCall(expr: PyExpr | null | undefined, qualify: Qualify): Extract<PyExpr, { kind: 'call' }> | null {
  if (expr?.kind !== 'call') return null;
  const name = calleeName(expr);
  return name !== null && COLUMN_FACTORIES.has(qualify(name)) ? expr : null;
}

function qualifiedCallee(expr: PyExpr, qualify: Qualify): string | null {
  const name = calleeName(expr);
  return name === null ? null : qualify(name);
}

/** ForeignKey("user.id", ondelete="CASCADE") on a column. */
function readForeignKey(call: Extract<PyExpr, { kind: 'call' }>, column: string, ctx: ColumnContext): ForeignKeyDecl {
  const target = call.args[0] ?? call.kwargs.column;
  const onDelete = strValue(call.kwargs.ondelete);
  if (call.kwargs.ondelete && onDelete === undefined)
    ctx.note(l10n.t('ondelete= is not a string literal; ignored'), call.kwargs.ondelete.range, 'unresolved-value');
  const name = strValue(call.kwargs.name) ?? null;
  return {
    columns: [column],
    targets: [target ? ctx.resolveColumnRef(target) : { problem: l10n.t('ForeignKey() without a target column') }],
    onDelete: onDelete ? onDelete.toUpperCase() : null,
    name,
    range: call.range,
  };
}

type Call = Extract<PyExpr, { kind: 'call' }>;

/**
 * Reads a column declaration. `call` is null for a bare annotation (`name: Mapped[str]`).
 * Returns null when the column cannot be read at all (noted).
 */
export function readColumn(
  call: Call | null,
  attribute: string | null,
  annotation: MappedAnnotation | null,
  range: Range,
  ctx: ColumnContext,
): ColumnDecl | null {
  if (call) call = inlineCall(call, ctx.constantOf);
  // The call's own list unless a leading name string is dropped from it (no copy per column).
  let args: readonly PyExpr[] = call ? call.args : [];
  const kwargs = call?.kwargs ?? {};
  if (call?.hasStarArgs) ctx.note(l10n.t('*args / **kwargs in a column cannot be read statically; they are ignored'), call.range, 'unresolved-value');
  let name = attribute;
  let explicitName = strValue(kwargs.name);
  if (explicitName === undefined && args[0]?.kind === 'str') {
    explicitName = strValue(args[0]);
    args = args.slice(1);
  }
  if (explicitName !== undefined) name = explicitName;
  if (name === null) {
    ctx.note(l10n.t('a Column() with no name'), call?.range ?? range, 'unresolved-name');
    return null;
  }
  const decl: ColumnDecl = {
    name,
    attribute,
    type: null,
    nullable: true,
    primaryKey: boolValue(kwargs.primary_key) === true,
    unique: boolValue(kwargs.unique) === true,
    index: boolValue(kwargs.index) === true,
    autoincrement: 'auto',
    hasPythonDefault: kwargs.default !== undefined && kwargs.default.kind !== 'none',
    serverDefault: kwargs.server_default && kwargs.server_default.kind !== 'none' ? enumMemberAsLiteral(kwargs.server_default, ctx) : null,
    identity: false,
    comment: strValue(kwargs.comment) ?? null,
    foreignKeys: [],
    checks: [],
    range,
    file: ctx.file,
    qualify: ctx.qualify,
  };
  // An indexed loop over a shared list: the first read runs this in V8's interpreter, where for...of
  // allocates an iterator result per step (and the literal list per column).
  for (let i = 0; i < BOOLEAN_FLAGS.length; i++) {
    const flag = BOOLEAN_FLAGS[i] as (typeof BOOLEAN_FLAGS)[number];
    const value = kwargs[flag];
    if (!value || value.kind === 'bool' || value.kind === 'none') continue;
    ctx.note(
      l10n.t('{0}= is not a literal True/False; this tool cannot tell its value, so it leaves that part of "{1}" as the migrations have it', flag, name),
      value.range,
      'unresolved-value',
    );
    (decl.unreadableFlags ??= []).push(flag);
  }
  const auto = kwargs.autoincrement;
  if (auto) decl.autoincrement = auto.kind === 'bool' ? auto.value : strValue(auto) === 'ignore_fk' ? 'ignore_fk' : 'auto';
  if (kwargs.insert_default && kwargs.insert_default.kind !== 'none') decl.hasPythonDefault = true;

  let typeExpr: PyExpr | undefined = kwargs.type_;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as PyExpr;
    const callee = qualifiedCallee(arg, ctx.qualify);
    if (callee === 'sqlalchemy.ForeignKey') {
      if (arg.kind === 'call') decl.foreignKeys.push(readForeignKey(arg, name, ctx));
    } else if (callee === 'sqlalchemy.CheckConstraint') {
      const sql = arg.kind === 'call' ? strValue(arg.args[0] ?? arg.kwargs.sqltext) : undefined;
      if (sql === undefined || arg.kind !== 'call') ctx.note(l10n.t('CheckConstraint() without a literal SQL string; skipped'), arg.range, 'unresolved-value');
      // CheckConstraint(sqltext, name=None, ...): the name may be the second positional argument.
      else decl.checks.push({ expression: sql, name: strValue(arg.kwargs.name ?? arg.args[1]) ?? null, range: arg.range });
    } else if (callee === 'sqlalchemy.Identity') {
      decl.identity = true;
    } else if (callee === 'sqlalchemy.Sequence') {
      // A Sequence is fired by SQLAlchemy, not by a column default: no SERIAL, no server default.
      decl.hasPythonDefault = true;
    } else if (callee === 'sqlalchemy.Computed' || callee === 'sqlalchemy.FetchedValue') {
      ctx.note(l10n.t("{0}() is not modelled; the column's generated value is ignored", callee.slice('sqlalchemy.'.length)), arg.range, 'unsupported');
    } else if (typeExpr === undefined) {
      typeExpr = arg;
    } else {
      ctx.note(l10n.t('an extra positional argument in this column is ignored'), arg.range, 'unresolved-value');
    }
  }

  const typeResult = resolveType(typeExpr, annotation, decl, ctx);
  if (typeResult && 'type' in typeResult) {
    decl.type = typeResult.type;
    if (typeResult.enum) decl.enum = typeResult.enum;
    if (typeResult.enumCheck) {
      const labels = typeResult.enumCheck.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
      decl.checks.push({ expression: `${quoteIdentifier(name)} IN (${labels})`, name: typeResult.enumCheck.name, range: typeExpr?.range ?? range });
    }
  } else if (typeResult) {
    ctx.note(l10n.t('column "{0}": {1}', name, typeResult.problem), typeExpr?.range ?? range, 'unresolved-type');
    // Written into a revision as the model spells it (Alembic writes custom types the same way).
    decl.type = unresolvedTypeSpelling(typeExpr);
  }

  const nullableExpr = kwargs.nullable;
  const explicitNullable = nullableExpr?.kind === 'bool' ? nullableExpr.value : undefined;
  if (explicitNullable !== undefined) decl.nullable = explicitNullable;
  else if (annotation?.mapped && call && qualifiedCallee(call, ctx.qualify) !== 'sqlalchemy.Column') decl.nullable = annotation.optional;
  else if (annotation?.mapped && !call) decl.nullable = annotation.optional;
  if (decl.primaryKey) decl.nullable = false;
  return decl;
}

/** The column's SQL type: the written type, else the Mapped[...] annotation, else (null) the FK target's. */
function resolveType(typeExpr: PyExpr | undefined, annotation: MappedAnnotation | null, decl: ColumnDecl, ctx: ColumnContext): PgTypeResult | null {
  if (typeExpr) return sqlaTypeToPg(typeExpr, ctx.qualify, { resolveEnumClass: ctx.resolveEnumClass, resolveCustomType: ctx.resolveCustomType });
  if (annotation?.mapped && annotation.inner) return ctx.pythonType(annotation.inner);
  if (decl.foreignKeys.length === 1) return null;
  return { problem: l10n.t('the column has no type') };
}

/** A column name as SQLAlchemy writes it in SQL: quoted when it is not a plain lower-case identifier. */
function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `server_default=Status.DRAFT.name` (or `.value`) as the string literal it is, when the enum class is found. */
function enumMemberAsLiteral(expr: PyExpr, ctx: ColumnContext): PyExpr {
  const member = enumMemberText(expr, ctx.resolveEnumClass);
  return member && 'text' in member ? { kind: 'str', value: member.text, range: expr.range } : expr;
}
