// Type annotations of SQLAlchemy 2.0 models (`Mapped[Optional[str]]`, `Mapped[int | None]`), read into
// plain data, and what they say about a column: the Python type and whether it may be NULL.
import { nodeRange, readExpr, type PyExpr } from '../python/expr';
import type { SyntaxNode } from '../python/parser';
import type { Range } from '../source';
import type { Qualify } from './decls';

export type TypeExpr =
  | { kind: 'name'; dotted: string; range: Range }
  | { kind: 'generic'; base: string; params: TypeExpr[]; range: Range }
  | { kind: 'union'; items: TypeExpr[]; range: Range }
  | { kind: 'none'; range: Range }
  | { kind: 'str'; value: string; range: Range }
  | { kind: 'other'; expr: PyExpr; range: Range };

function fromExpr(expr: PyExpr): TypeExpr {
  switch (expr.kind) {
    case 'name':
      return { kind: 'name', dotted: expr.id, range: expr.range };
    case 'attr': {
      const parts: string[] = [];
      let cursor: PyExpr = expr;
      while (cursor.kind === 'attr') {
        parts.unshift(cursor.attr);
        cursor = cursor.object;
      }
      if (cursor.kind !== 'name') return { kind: 'other', expr, range: expr.range };
      return { kind: 'name', dotted: [cursor.id, ...parts].join('.'), range: expr.range };
    }
    case 'subscript': {
      const base = fromExpr(expr.value);
      if (base.kind !== 'name') return { kind: 'other', expr, range: expr.range };
      const params = expr.index.length === 1 && expr.index[0]?.kind === 'tuple' ? expr.index[0].items : expr.index;
      return { kind: 'generic', base: base.dotted, params: params.map(fromExpr), range: expr.range };
    }
    case 'binop':
      if (expr.op !== '|') return { kind: 'other', expr, range: expr.range };
      return { kind: 'union', items: [...flattenUnion(fromExpr(expr.left)), ...flattenUnion(fromExpr(expr.right))], range: expr.range };
    case 'none':
      return { kind: 'none', range: expr.range };
    case 'str':
      return { kind: 'str', value: expr.value, range: expr.range };
    default:
      return { kind: 'other', expr, range: expr.range };
  }
}

function flattenUnion(type: TypeExpr): TypeExpr[] {
  return type.kind === 'union' ? type.items : [type];
}

/**
 * Reads an annotation node (tree-sitter `type`, `generic_type`, or any expression). Each node's type
 * and children are read once, and a range comes from the node itself: every read crosses into
 * tree-sitter's WebAssembly, and re-reading a whole `Mapped[...]` just for its range doubled the cost.
 */
export function readAnnotation(node: SyntaxNode): TypeExpr {
  const type = node.type;
  if (type === 'type') {
    for (const child of node.namedChildren) if (child !== null && child.type !== 'comment') return readAnnotation(child);
    return fromExpr(readExpr(node));
  }
  if (type === 'generic_type') {
    const children = node.namedChildren;
    const baseNode = children[0];
    const base = baseNode ? fromExpr(readExpr(baseNode)) : null;
    if (!base || base.kind !== 'name') return fromExpr(readExpr(node));
    const params: TypeExpr[] = [];
    for (const child of children) {
      if (child === null || child.type !== 'type_parameter') continue;
      for (const param of child.namedChildren) if (param !== null && param.type !== 'comment') params.push(readAnnotation(param));
      break;
    }
    return { kind: 'generic', base: base.dotted, params, range: nodeRange(node) };
  }
  if (type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left && right) return { kind: 'union', items: [...flattenUnion(readAnnotation(left)), ...flattenUnion(readAnnotation(right))], range: nodeRange(node) };
  }
  return fromExpr(readExpr(node));
}

/** Re-reads a stored expression (e.g. a module-level `Str30 = Annotated[str, 30]` alias) as a type. */
export function typeFromExpr(expr: PyExpr): TypeExpr {
  return fromExpr(expr);
}

export interface MappedAnnotation {
  /** True when wrapped in Mapped[...] (so it declares a mapped attribute). */
  mapped: boolean;
  /** The Python type inside Mapped[...] / Optional[...], or null when there is none. */
  inner: TypeExpr | null;
  /** Optional[...], Union[..., None] or `X | None`. */
  optional: boolean;
  /** Annotated[T, extra...]: the extras (e.g. a mapped_column(...) in a type alias). */
  annotatedExtras: PyExpr[];
}

const OPTIONAL = new Set(['typing.Optional', 'Optional', 'typing_extensions.Optional']);
const UNION = new Set(['typing.Union', 'Union']);
const ANNOTATED = new Set(['typing.Annotated', 'typing_extensions.Annotated', 'Annotated']);
const MAPPED = new Set(['sqlalchemy.orm.Mapped', 'Mapped']);

/**
 * Unwraps Mapped[...], Optional[...], Union[..., None], `| None` and Annotated[...].
 * `resolveAlias` expands a module-level type alias (Annotated aliases are common in 2.0 models).
 */
export function interpretAnnotation(type: TypeExpr, qualify: Qualify, resolveAlias?: (dotted: string) => TypeExpr | null): MappedAnnotation {
  const result: MappedAnnotation = { mapped: false, inner: null, optional: false, annotatedExtras: [] };
  let current: TypeExpr | null = type;
  for (let depth = 0; current && depth < 12; depth++) {
    if (current.kind === 'str') {
      // A quoted annotation: "Mapped[int]" or a forward reference "User".
      current = { kind: 'name', dotted: current.value.trim(), range: current.range };
      if (/[[\]|]/.test(current.dotted)) return { ...result, inner: { kind: 'str', value: current.dotted, range: current.range } };
      result.inner = current;
      return result;
    }
    if (current.kind === 'union') {
      const notNone: TypeExpr[] = current.items.filter((i) => i.kind !== 'none' && !(i.kind === 'name' && i.dotted === 'None'));
      if (notNone.length !== current.items.length) result.optional = true;
      current = notNone.length === 1 ? (notNone[0] ?? null) : { ...current, items: notNone };
      if (current?.kind === 'union') break;
      continue;
    }
    if (current.kind === 'generic') {
      const base = qualify(current.base);
      const name =
        MAPPED.has(base) || base.endsWith('.Mapped')
          ? 'mapped'
          : OPTIONAL.has(base)
            ? 'optional'
            : UNION.has(base)
              ? 'union'
              : ANNOTATED.has(base)
                ? 'annotated'
                : null;
      if (name === 'mapped') {
        result.mapped = true;
        current = current.params[0] ?? null;
        continue;
      }
      if (name === 'optional') {
        result.optional = true;
        current = current.params[0] ?? null;
        continue;
      }
      if (name === 'union') {
        current = { kind: 'union', items: current.params, range: current.range };
        continue;
      }
      if (name === 'annotated') {
        for (const extra of current.params.slice(1)) if (extra.kind === 'other') result.annotatedExtras.push(extra.expr);
        current = current.params[0] ?? null;
        continue;
      }
      break;
    }
    if (current.kind === 'name' && resolveAlias) {
      const alias = resolveAlias(current.dotted);
      if (alias) {
        current = alias;
        continue;
      }
    }
    break;
  }
  result.inner = current;
  return result;
}
