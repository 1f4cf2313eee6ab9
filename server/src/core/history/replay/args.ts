// Small readers for op-call arguments: positional-or-keyword lookup and literal lists.
import * as l10n from '@vscode/l10n';
import type { Note } from '../../source';
import { itemsOf, strValue, type PyExpr } from '../../python/expr';
import { tableKey } from '../../schema/tableKey';

export type CallExpr = PyExpr & { kind: 'call' };

/** An argument Python would bind to parameter `index` / `keyword`. */
export function argOf(call: CallExpr, index: number, keyword: string): PyExpr | undefined {
  return call.kwargs[keyword] ?? (index >= 0 ? call.args[index] : undefined);
}

/** `op.f("ix_name")` and `sa.schema.conv("x")` are just names; None gives null. */
export function nameValue(expr: PyExpr | undefined): string | null | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'none') return null;
  if (expr.kind === 'call' && expr.args.length === 1 && expr.func.kind === 'attr' && (expr.func.attr === 'f' || expr.func.attr === 'conv'))
    return strValue(expr.args[0]);
  if (expr.kind === 'call' && expr.args.length === 1 && expr.func.kind === 'name' && (expr.func.id === 'f' || expr.func.id === 'conv'))
    return strValue(expr.args[0]);
  return strValue(expr);
}

/** A list/tuple of column names; a lone string counts as one column (Alembic accepts both in places). */
export function stringItems(expr: PyExpr | undefined): string[] | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'str') return [expr.value];
  const items = itemsOf(expr);
  if (!items) return undefined;
  const names: string[] = [];
  for (const item of items) {
    // sa.text("lower(email)") in an index: keep the expression text.
    const value =
      item.kind === 'call' && (item.func.kind === 'attr' ? item.func.attr : item.func.kind === 'name' ? item.func.id : '') === 'text'
        ? strValue(item.args[0])
        : strValue(item);
    if (value === undefined) return undefined;
    names.push(value);
  }
  return names;
}

/** The table key and column of a "table.column" (or "schema.table.column") reference. */
export function splitReference(ref: string): { table: string; column: string } | null {
  const parts = ref.split('.');
  if (parts.length < 2) return null;
  const schema = parts.length > 2 ? parts.slice(0, -2).join('.') : null;
  return { table: tableKey(parts[parts.length - 2] as string, schema), column: parts[parts.length - 1] as string };
}

/** Upper-cased ondelete= value, or null. */
export function onDeleteValue(expr: PyExpr | undefined): string | null {
  const value = strValue(expr);
  return value ? value.toUpperCase().replace(/\s+/g, ' ') : null;
}

export function unresolved(notes: Note[], file: string, expr: PyExpr, what: string): void {
  notes.push({
    severity: 'warning',
    kind: 'unresolved-argument',
    message: l10n.t('{0} cannot be read statically; this op was not replayed', what),
    location: { file, range: expr.range },
  });
}
