// Module-level constants in a column: `db.String(NAME_LENGTH)`, `server_default=DEFAULT_STATE`,
// `nullable=OPTIONAL`, `db.ForeignKey(USERS_ID)`, `{"schema": SCHEMA}`. Python evaluates them when the
// class body runs, so a column reads as if the literal were written in place, here or imported.
// A type object kept in a name (`estado = postgresql.ENUM(...)`) is a type alias instead, read where it
// is written (customTypes.ts), with its own constants inlined the same way.
import { dottedName, type PyExpr } from '../python/expr';
import type { ProjectScope } from './scope';
import type { ModuleFacts } from './moduleFacts';

type Call = Extract<PyExpr, { kind: 'call' }>;

/** How deep nested calls and `A = B` alias chains are followed. */
const MAX_DEPTH = 4;

/** The literal a name stands for, or null when it stands for no literal constant. */
export type ConstantOf = (expr: PyExpr) => PyExpr | null;

/**
 * The literal a dotted name written in `module` is bound to at module level (`LEN = 80`, here or
 * imported, through `A = B` aliases), placed at the name (notes point at the column); null otherwise.
 */
export function literalConstant(scope: ProjectScope, module: ModuleFacts, expr: PyExpr): PyExpr | null {
  let dotted = dottedName(expr);
  let at = module;
  for (let hop = 0; dotted !== null && hop < MAX_DEPTH; hop++) {
    const symbol = scope.resolve(at, dotted);
    if (symbol?.kind !== 'assignment') return null;
    const value = symbol.fact.value;
    if (value.kind !== 'name' && value.kind !== 'attr') return literalAt(value, expr);
    dotted = dottedName(value);
    at = symbol.module;
  }
  return null;
}

/** The expression with every constant name (in argument positions of calls) replaced by its literal; the same object when nothing changes. */
function inlined(expr: PyExpr, constantOf: ConstantOf, depth: number): PyExpr {
  if (depth > MAX_DEPTH) return expr;
  if (expr.kind === 'name' || expr.kind === 'attr') return constantOf(expr) ?? expr;
  if (expr.kind === 'call') return inlineCall(expr, constantOf, depth + 1);
  return expr;
}

/** A call whose arguments (not its callee) have their constants written in place. */
export function inlineCall(call: Call, constantOf: ConstantOf, depth = 0): Call {
  let args = call.args;
  for (let i = 0; i < call.args.length; i++) {
    const arg = call.args[i] as PyExpr;
    const value = inlined(arg, constantOf, depth);
    if (value === arg) continue;
    if (args === call.args) args = call.args.slice();
    args[i] = value;
  }
  let kwargs = call.kwargs;
  for (const key in call.kwargs) {
    const arg = call.kwargs[key] as PyExpr;
    const value = inlined(arg, constantOf, depth);
    if (value === arg) continue;
    if (kwargs === call.kwargs) kwargs = { ...call.kwargs };
    kwargs[key] = value;
  }
  if (args === call.args && kwargs === call.kwargs) return call;
  // Spelled out in PyExpr's property order: one object shape for every call the readers build.
  return { kind: 'call', func: call.func, args, kwargs, hasStarArgs: call.hasStarArgs, range: call.range };
}

/** A literal value read at the place that names it (notes and hovers point at the column, not the constant). */
export function literalAt(value: PyExpr, at: PyExpr): PyExpr | null {
  switch (value.kind) {
    case 'str':
      return { kind: 'str', value: value.value, range: at.range };
    case 'num':
      return { kind: 'num', value: value.value, text: value.text, range: at.range };
    case 'bool':
      return { kind: 'bool', value: value.value, range: at.range };
    case 'none':
      return { kind: 'none', range: at.range };
    default:
      return null;
  }
}

/** One option value with its constant written in place (`schema=SCHEMA`); the same object when there is none. */
export function inlineValue(expr: PyExpr, constantOf: ConstantOf): PyExpr {
  return inlined(expr, constantOf, 0);
}

/**
 * `__table_args__` with the constants of its options dict written in place (`{"schema": SCHEMA}`, or a
 * tuple ending in such a dict). Constraint items are left alone: their bare names are class-body columns.
 */
export function inlineTableOptions(value: PyExpr, constantOf: ConstantOf): PyExpr {
  const inlineDict = (dict: Extract<PyExpr, { kind: 'dict' }>): PyExpr => {
    let entries = dict.entries;
    dict.entries.forEach((entry, i) => {
      const next = inlined(entry.value, constantOf, 0);
      if (next === entry.value) return;
      if (entries === dict.entries) entries = dict.entries.slice();
      entries[i] = { key: entry.key, value: next };
    });
    return entries === dict.entries ? dict : { kind: 'dict', entries, range: dict.range };
  };
  if (value.kind === 'dict') return inlineDict(value);
  if (value.kind !== 'tuple') return value;
  const last = value.items[value.items.length - 1];
  if (last?.kind !== 'dict') return value;
  const next = inlineDict(last);
  return next === last ? value : { kind: 'tuple', items: [...value.items.slice(0, -1), next], range: value.range };
}
