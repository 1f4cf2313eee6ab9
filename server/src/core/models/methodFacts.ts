// What a class-body method computes, read from its syntax tree into plain data, for the methods that
// decide a model's table at mapping time: a `@declared_attr` (its `__tablename__`, a column, its
// `__table_args__`) and the `@classmethod`s those call (nyaa's `cls._table_prefix('torrents')`).
// Only straight-line bodies are read: local `name = <expr>` assignments and then one `return <expr>`
// (after a docstring); the locals are put in place of their names, so the returned expression is
// all that is kept. Anything else (a branch, a loop, a second return) is not read.
import { readExpr, type PyExpr } from '../python/expr';
import type { SyntaxNode } from '../python/parser';

export interface MethodParam {
  name: string;
  /** The default value as written, when there is one. */
  default: PyExpr | null;
}

/** A `@classmethod` of a straight-line body (see above). */
export interface ClassMethodFact {
  name: string;
  /** Every parameter, `cls` first; a method with `*args`/`**kwargs` or keyword-only markers is not kept. */
  params: MethodParam[];
  returns: PyExpr;
}

const named = (node: SyntaxNode): SyntaxNode[] => node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');

/** The parameters of a plain `def f(cls, a, b='x')`; null with any other kind of parameter. */
export function readParams(definition: SyntaxNode): MethodParam[] | null {
  const params: MethodParam[] = [];
  for (const param of named(definition.childForFieldName('parameters') ?? definition)) {
    const type = param.type;
    if (type === 'identifier') params.push({ name: param.text, default: null });
    else if (type === 'default_parameter' || type === 'typed_default_parameter') {
      const name = param.childForFieldName('name');
      const value = param.childForFieldName('value');
      if (name?.type !== 'identifier' || !value) return null;
      params.push({ name: name.text, default: readExpr(value) });
    } else if (type === 'typed_parameter') {
      const name = named(param)[0];
      if (name?.type !== 'identifier') return null;
      params.push({ name: name.text, default: null });
    } else return null;
  }
  return params;
}

/** `expr` with each name in `bindings` replaced by its bound expression (ranges kept where the names were). */
export function substituteNames(expr: PyExpr, bindings: ReadonlyMap<string, PyExpr>): PyExpr {
  if (bindings.size === 0) return expr;
  const go = (e: PyExpr): PyExpr => {
    switch (e.kind) {
      case 'name':
        return bindings.get(e.id) ?? e;
      case 'attr':
        return { kind: 'attr', object: go(e.object), attr: e.attr, range: e.range };
      case 'call': {
        const kwargs: Record<string, PyExpr> = {};
        for (const key of Object.keys(e.kwargs)) kwargs[key] = go(e.kwargs[key] as PyExpr);
        return { kind: 'call', func: go(e.func), args: e.args.map(go), kwargs, hasStarArgs: e.hasStarArgs, range: e.range };
      }
      case 'list':
      case 'tuple':
      case 'set':
        return { kind: e.kind, items: e.items.map(go), range: e.range };
      case 'dict':
        return { kind: 'dict', entries: e.entries.map((p) => ({ key: go(p.key), value: go(p.value) })), range: e.range };
      case 'subscript':
        return { kind: 'subscript', value: go(e.value), index: e.index.map(go), range: e.range };
      case 'binop':
        return { kind: 'binop', op: e.op, left: go(e.left), right: go(e.right), range: e.range };
      default:
        return e;
    }
  };
  return go(expr);
}

/**
 * The expression a straight-line body returns, its locals substituted; null when the body is
 * anything else. `rename` maps parameter names to the names the evaluator knows (`cls`).
 */
export function readStraightReturn(body: SyntaxNode, rename?: ReadonlyMap<string, PyExpr>): PyExpr | null {
  const statements = named(body);
  const bindings = new Map<string, PyExpr>(rename ?? []);
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i] as SyntaxNode;
    const type = statement.type;
    if (type === 'return_statement') {
      const value = named(statement)[0];
      return i === statements.length - 1 && value ? substituteNames(readExpr(value), bindings) : null;
    }
    if (type !== 'expression_statement') return null;
    const inner = named(statement)[0];
    if (inner?.type === 'string' && i === 0) continue; // the docstring
    if (inner?.type !== 'assignment') return null;
    const left = inner.childForFieldName('left');
    const right = inner.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || right.type === 'assignment' || inner.childForFieldName('type')) return null;
    bindings.set(left.text, substituteNames(readExpr(right), bindings));
  }
  return null;
}

/** A `@classmethod` with a straight-line body, or null. */
export function readClassMethod(definition: SyntaxNode): ClassMethodFact | null {
  const name = definition.childForFieldName('name')?.text;
  const body = definition.childForFieldName('body');
  const params = readParams(definition);
  if (!name || !body || !params || params.length === 0) return null;
  const returns = readStraightReturn(body);
  return returns ? { name, params, returns } : null;
}
