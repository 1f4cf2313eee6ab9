// Names bound to lists in a body replay: binding targets, list comprehensions over values the replay
// can read (`[col for name, col in new_columns if name not in existing_cols]`, pgAdmin's idempotent
// revisions), and lists grown in place (`columns.append(sa.Column(...))`, privacyIDEA's).
import { itemsOf, nodeRange, readExpr, type PyExpr } from '../../python/expr';
import type { SyntaxNode } from '../../python/parser';
import { evaluateCondition } from './conditions';
import { Scope } from './context';

const MAX_ITEMS = 200;

function namedChildrenOf(node: SyntaxNode | null): SyntaxNode[] {
  return (node?.namedChildren ?? []).filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
}

/** Binds `a` / `a, b` / `(a, b)` targets to a value; names that can't be bound are forgotten. */
export function bindTarget(scope: Scope, target: SyntaxNode, value: PyExpr | null): void {
  if (target.type === 'identifier') {
    if (value) scope.bind(target.text, value);
    else scope.unbind(target.text);
    return;
  }
  if (
    target.type === 'pattern_list' ||
    target.type === 'tuple_pattern' ||
    target.type === 'tuple' ||
    target.type === 'list_pattern' ||
    target.type === 'list'
  ) {
    const parts = namedChildrenOf(target);
    const items = value ? itemsOf(value) : undefined;
    parts.forEach((part, index) => bindTarget(scope, part, items && items.length === parts.length ? (items[index] ?? null) : null));
  }
}

/**
 * The list a one-`for` list comprehension builds, or null when its items cannot be read. An `if`
 * the replay cannot decide keeps the item, as `if` bodies are taken: the test is most often an
 * "already there?" guard against the live database, false on the fresh database Alembic replays.
 */
export function listComprehension(node: SyntaxNode, scope: Scope): PyExpr | null {
  if (node.type !== 'list_comprehension') return null;
  const body = node.childForFieldName('body');
  const clauses = namedChildrenOf(node).filter((n) => n.type === 'for_in_clause' || n.type === 'if_clause');
  const loops = clauses.filter((n) => n.type === 'for_in_clause');
  const loop = loops[0];
  if (!body || loops.length !== 1 || clauses[0] !== loop || !loop) return null;
  const left = loop.childForFieldName('left');
  const right = loop.childForFieldName('right');
  const items = right ? itemsOf(scope.resolve(readExpr(right))) : undefined;
  if (!left || !items || items.length > MAX_ITEMS) return null;
  const tests = clauses.filter((n) => n.type === 'if_clause').map((n) => n.namedChildren[0] ?? null);
  // Comprehension variables are local to it (Python 3): bound in a child scope.
  const inner = new Scope(scope.module, scope);
  const out: PyExpr[] = [];
  for (const item of items) {
    bindTarget(inner, left, item);
    const kept = tests.every((test) => {
      if (!test) return true;
      const value = evaluateCondition(test, inner);
      return !value.known || value.result;
    });
    if (kept) out.push(inner.resolve(readExpr(body)));
  }
  return { kind: 'list', items: out, range: nodeRange(node) };
}

/**
 * `NAME.append(x)` / `NAME.extend([...])` on a name bound to a list: the name is bound to the grown
 * list and true is returned; false for any other call (the caller replays it as a call).
 */
export function growList(call: PyExpr, scope: Scope): boolean {
  if (call.kind !== 'call' || call.func.kind !== 'attr' || call.func.object.kind !== 'name') return false;
  const method = call.func.attr;
  if ((method !== 'append' && method !== 'extend') || call.args.length !== 1 || Object.keys(call.kwargs).length > 0) return false;
  const name = call.func.object.id;
  const list = scope.lookup(name);
  if (list?.kind !== 'list') return false;
  const arg = scope.resolve(call.args[0] as PyExpr);
  if (method === 'append') {
    scope.bind(name, { ...list, items: [...list.items, arg] });
    return true;
  }
  const added = itemsOf(arg);
  if (added) scope.bind(name, { ...list, items: [...list.items, ...added] });
  else scope.unbind(name);
  return true;
}
