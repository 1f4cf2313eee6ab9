// Table-level items: `__table_args__` entries, the constraints written inside Table(...), and
// module-level Index(...) calls — UniqueConstraint, Index, CheckConstraint, ForeignKeyConstraint,
// PrimaryKeyConstraint — plus the trailing options dict.
import * as l10n from '@vscode/l10n';
import type { NoteKind } from '../noteKinds';
import { boolValue, calleeName, itemsOf, strValue, type PyExpr } from '../python/expr';
import type { Range } from '../source';
import { DEFAULT_SCHEMA } from '../schema/tableKey';
import type { ColumnRef } from './columns';
import type { CheckDecl, ForeignKeyDecl, IndexDecl, Qualify, UniqueDecl } from './decls';

/** Column keys as written (attribute names or column names); matched to columns when the table is built. */
export interface TableParts {
  uniques: UniqueDecl[];
  indexes: IndexDecl[];
  checks: CheckDecl[];
  foreignKeys: ForeignKeyDecl[];
  primaryKey: { columns: string[]; name: string | null; range: Range } | null;
  options: Record<string, PyExpr>;
}

/**
 * The schema `__table_args__ = {"schema": ...}` / Table(schema=...) puts the table in: null for the
 * default one (absent, None, "public"); undefined when it is not a literal (the table is left out).
 */
export function schemaOption(schema: PyExpr | undefined): string | null | undefined {
  if (schema === undefined || schema.kind === 'none') return null;
  const value = strValue(schema);
  if (value === undefined) return undefined;
  return value === '' || value === DEFAULT_SCHEMA ? null : value;
}

export const TABLE_ARGS_TEXT = {
  unreadableSchema: () => l10n.t('the schema of this table cannot be read statically; the table is left out'),
};

export function emptyTableParts(): TableParts {
  return { uniques: [], indexes: [], checks: [], foreignKeys: [], primaryKey: null, options: {} };
}

export interface TableArgsContext {
  qualify: Qualify;
  resolveColumnRef: (expr: PyExpr) => ColumnRef;
  note: (message: string, range: Range, kind?: NoteKind) => void;
}

/** A column named in a constraint: "email", email (a class-body name) or User.email → its key. */
function columnKey(expr: PyExpr): string | null {
  if (expr.kind === 'str') return expr.value;
  if (expr.kind === 'name') return expr.id;
  if (expr.kind === 'attr') return expr.attr;
  return null;
}

const ORDERING = new Set(['desc', 'asc', 'nulls_first', 'nulls_last', 'nullsfirst', 'nullslast']);

/** An Index column with its ordering (`id.desc()`, `sa.desc(id)`): Alembic compares it as the column (its sig is column names). */
function orderedColumnKey(expr: PyExpr, qualify: Qualify): string | null {
  if (expr.kind !== 'call' || expr.args.length > 1) return null;
  if (expr.func.kind === 'attr' && ORDERING.has(expr.func.attr) && expr.args.length === 0) return indexColumnKey(expr.func.object, qualify);
  const callee = calleeName(expr);
  const name = callee === null ? null : qualify(callee);
  return name !== null && /^sqlalchemy\.(sql\.)?(desc|asc|nulls_?first|nulls_?last)$/.test(name) && expr.args[0] ? indexColumnKey(expr.args[0], qualify) : null;
}

function indexColumnKey(expr: PyExpr, qualify: Qualify): string | null {
  return columnKey(expr) ?? orderedColumnKey(expr, qualify);
}

function keysOf(exprs: PyExpr[], what: string, range: Range, ctx: TableArgsContext): string[] | null {
  const keys: string[] = [];
  for (const expr of exprs) {
    const key = what === 'Index' ? indexColumnKey(expr, ctx.qualify) : columnKey(expr);
    if (key === null) {
      ctx.note(l10n.t('{0}: an expression (not a column) cannot be compared statically; skipped', what), expr.range, 'unsupported');
      return null;
    }
    keys.push(key);
  }
  if (keys.length === 0) {
    ctx.note(l10n.t('{0} with no columns; skipped', what), range, 'unresolved-value');
    return null;
  }
  return keys;
}

function optionalName(expr: PyExpr | undefined, ctx: TableArgsContext): string | null {
  if (expr === undefined || expr.kind === 'none') return null;
  const name = strValue(expr);
  if (name === undefined) ctx.note(l10n.t('the constraint name is not a string literal; PostgreSQL naming is assumed'), expr.range, 'unresolved-name');
  return name ?? null;
}

/** Reads one item; returns false when it is not a table-level item this reader knows. */
export function readTableItem(expr: PyExpr, parts: TableParts, ctx: TableArgsContext): boolean {
  if (expr.kind !== 'call') return false;
  const callee = calleeName(expr);
  const kind = callee === null ? null : ctx.qualify(callee);
  switch (kind) {
    case 'sqlalchemy.UniqueConstraint': {
      const columns = keysOf(expr.args, 'UniqueConstraint', expr.range, ctx);
      if (columns) parts.uniques.push({ columns, name: optionalName(expr.kwargs.name, ctx), range: expr.range });
      return true;
    }
    case 'sqlalchemy.PrimaryKeyConstraint': {
      const columns = keysOf(expr.args, 'PrimaryKeyConstraint', expr.range, ctx);
      if (columns) parts.primaryKey = { columns, name: optionalName(expr.kwargs.name, ctx), range: expr.range };
      return true;
    }
    case 'sqlalchemy.Index': {
      const [nameExpr, ...columnExprs] = expr.args;
      const columns = keysOf(columnExprs, 'Index', expr.range, ctx);
      if (columns)
        parts.indexes.push({ name: nameExpr ? optionalName(nameExpr, ctx) : null, columns, unique: boolValue(expr.kwargs.unique) === true, range: expr.range });
      return true;
    }
    case 'sqlalchemy.CheckConstraint': {
      const sql = strValue(expr.args[0] ?? expr.kwargs.sqltext);
      if (sql === undefined) ctx.note(l10n.t('CheckConstraint() without a literal SQL string; skipped'), expr.range, 'unresolved-value');
      // CheckConstraint(sqltext, name=None, ...): the name may be the second positional argument.
      else parts.checks.push({ expression: sql, name: optionalName(expr.kwargs.name ?? expr.args[1], ctx), range: expr.range });
      return true;
    }
    case 'sqlalchemy.ForeignKeyConstraint': {
      const local = itemsOf(expr.args[0] ?? expr.kwargs.columns);
      const remote = itemsOf(expr.args[1] ?? expr.kwargs.refcolumns);
      const columns = local ? keysOf(local, 'ForeignKeyConstraint', expr.range, ctx) : null;
      if (!columns || !remote || remote.length !== columns.length) {
        ctx.note(l10n.t('ForeignKeyConstraint() whose column lists cannot be read; skipped'), expr.range, 'unresolved-value');
        return true;
      }
      const onDelete = strValue(expr.kwargs.ondelete);
      parts.foreignKeys.push({
        columns,
        targets: remote.map((r) => ctx.resolveColumnRef(r)),
        onDelete: onDelete ? onDelete.toUpperCase() : null,
        name: optionalName(expr.kwargs.name, ctx),
        range: expr.range,
      });
      return true;
    }
    default:
      return false;
  }
}

/** `__table_args__`: a tuple of items optionally ending with an options dict, or just a dict. */
export function readTableArgs(value: PyExpr, parts: TableParts, ctx: TableArgsContext): void {
  const items = value.kind === 'dict' ? [value] : itemsOf(value);
  if (!items) {
    ctx.note(l10n.t('__table_args__ is not a literal tuple or dict; its constraints are not read'), value.range, 'unresolved-value');
    return;
  }
  for (const item of items) {
    if (item.kind === 'dict') {
      for (const { key, value: optionValue } of item.entries) {
        const option = strValue(key);
        if (option !== undefined) parts.options[option] = optionValue;
      }
      continue;
    }
    if (!readTableItem(item, parts, ctx)) ctx.note(l10n.t('this __table_args__ item is not a constraint this tool reads; skipped'), item.range, 'unsupported');
  }
  const schema = parts.options.schema;
  if (schema && schemaOption(schema) === undefined) ctx.note(TABLE_ARGS_TEXT.unreadableSchema(), schema.range, 'other-schema');
}
