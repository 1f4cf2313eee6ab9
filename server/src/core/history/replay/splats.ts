// `sa.Enum(*ROLES, name="role")`: readExpr drops `*args`; when the splatted value is a literal
// list/tuple (directly or through a variable), put its items back so the call can be read.
import type { SyntaxNode } from '../../python/parser';
import { itemsOf, nodeRange, readExpr, type PyExpr } from '../../python/expr';
import type { Range } from '../../source';
import type { Scope } from './context';

const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;

/** Calls (by range) whose star arguments all resolve: the full positional argument list. */
function expandedCalls(node: SyntaxNode, scope: Scope): Map<string, PyExpr[]> {
  const calls = new Map<string, PyExpr[]>();
  for (const argumentList of node.descendantsOfType('argument_list')) {
    if (!argumentList || !argumentList.namedChildren.some((c) => c?.type === 'list_splat')) continue;
    const call = argumentList.parent;
    if (!call || call.type !== 'call') continue;
    const positional: PyExpr[] = [];
    let resolved = true;
    for (const arg of argumentList.namedChildren) {
      if (!arg || arg.type === 'comment' || arg.type === 'keyword_argument') continue;
      if (arg.type === 'dictionary_splat') resolved = false;
      else if (arg.type === 'list_splat') {
        const inner = arg.namedChildren.find((c) => c !== null && c.type !== 'comment');
        const items = inner ? itemsOf(scope.resolve(readExpr(inner))) : undefined;
        if (items) positional.push(...items);
        else resolved = false;
      } else positional.push(readExpr(arg));
    }
    if (resolved) calls.set(rangeKey(nodeRange(call)), positional);
  }
  return calls;
}

function patch(expr: PyExpr, calls: Map<string, PyExpr[]>): PyExpr {
  switch (expr.kind) {
    case 'call': {
      const args = expr.hasStarArgs ? calls.get(rangeKey(expr.range)) : undefined;
      const kwargs: Record<string, PyExpr> = {};
      for (const [key, value] of Object.entries(expr.kwargs)) kwargs[key] = patch(value, calls);
      return { ...expr, func: patch(expr.func, calls), args: (args ?? expr.args).map((a) => patch(a, calls)), kwargs, hasStarArgs: expr.hasStarArgs && !args };
    }
    case 'list':
    case 'tuple':
    case 'set':
      return { ...expr, items: expr.items.map((i) => patch(i, calls)) };
    case 'attr':
      return { ...expr, object: patch(expr.object, calls) };
    default:
      return expr;
  }
}

/** readExpr, with resolvable `*args` expanded in every call inside the node. */
export function readExprExpandingSplats(node: SyntaxNode, scope: Scope): PyExpr {
  const expr = readExpr(node);
  // Cheap test first: most statements have no star arguments at all.
  if (!node.text.includes('*')) return expr;
  const calls = expandedCalls(node, scope);
  return calls.size === 0 ? expr : patch(expr, calls);
}
