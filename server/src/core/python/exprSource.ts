// Python source for an expression read by expr.ts, as the model wrote it (spacing normalised): how a
// type the tool cannot resolve is written into a revision, so `key_type("User")` stays that call.
import { pyStr } from '../render/mako';
import { dottedName, type PyExpr } from './expr';
import { UNRESOLVED_TYPE_PREFIX } from '../models/types';

/** The expression as Python source; null when part of it was not read (a `*args` call). */
export function pythonSource(expr: PyExpr): string | null {
  const all = (items: PyExpr[]) => {
    const out = items.map(pythonSource);
    return out.every((s): s is string => s !== null) ? out : null;
  };
  switch (expr.kind) {
    case 'name':
      return expr.id;
    case 'attr': {
      const object = pythonSource(expr.object);
      return object === null ? null : `${object}.${expr.attr}`;
    }
    case 'call': {
      if (expr.hasStarArgs) return null;
      const func = pythonSource(expr.func);
      const args = all(expr.args);
      const kwargs = Object.entries(expr.kwargs).map(([k, v]) => {
        const value = pythonSource(v);
        return value === null ? null : `${k}=${value}`;
      });
      if (func === null || args === null || kwargs.some((k) => k === null)) return null;
      return `${func}(${[...args, ...kwargs].join(', ')})`;
    }
    case 'str':
      return pyStr(expr.value);
    case 'num':
      return expr.text;
    case 'bool':
      return expr.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
    case 'tuple':
    case 'set': {
      const items = all(expr.items);
      if (items === null) return null;
      if (expr.kind === 'list') return `[${items.join(', ')}]`;
      if (expr.kind === 'set') return items.length === 0 ? null : `{${items.join(', ')}}`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'dict': {
      const entries = expr.entries.map((e) => {
        const key = pythonSource(e.key);
        const value = pythonSource(e.value);
        return key === null || value === null ? null : `${key}: ${value}`;
      });
      return entries.some((e) => e === null) ? null : `{${entries.join(', ')}}`;
    }
    case 'subscript': {
      const value = pythonSource(expr.value);
      const index = all(expr.index);
      return value === null || index === null ? null : `${value}[${index.join(', ')}]`;
    }
    case 'binop': {
      const left = pythonSource(expr.left);
      const right = pythonSource(expr.right);
      return left === null || right === null ? null : `(${left} ${expr.op} ${right})`;
    }
    case 'unknown':
      // Raw source of something expr.ts does not model (a lambda, a comprehension); one line only.
      return /[\r\n]/.test(expr.text) ? null : expr.text;
  }
}

/** Short source-like text of an expression, when its full source cannot be written. */
function shortText(expr: PyExpr): string {
  const dotted = dottedName(expr.kind === 'call' ? expr.func : expr);
  if (dotted) return expr.kind === 'call' ? `${dotted}(...)` : dotted;
  return expr.kind === 'unknown' ? expr.text.slice(0, 40) : expr.kind;
}

/**
 * The placeholder for a column type that cannot be resolved statically, in the models and in the
 * replayed history alike: `?` + the type as written (`?key_type('User')`). Such a type is compared
 * by presence only (diff/compare.ts isUnresolvedType), so no finding rests on it, and a revision
 * writes it back as written.
 */
export function unresolvedTypeSpelling(expr: PyExpr | undefined, missing = 'unknown'): string {
  return `${UNRESOLVED_TYPE_PREFIX}${expr ? (pythonSource(expr) ?? shortText(expr)) : missing}`;
}
