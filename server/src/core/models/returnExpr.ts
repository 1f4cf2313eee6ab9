// The expression a small module-level function returns, as plain data for schema/conventionTokens.ts:
// what a naming_convention's callable token (`def _column_names(constraint, table): return ...`)
// computes. Only a body of one `return <expr>` (after a docstring) is read; any construct not listed
// here makes the whole function unreadable (null), and the names it gives are then uncertain.
import { stringLiteralValue } from '../python/expr';
import type { SyntaxNode } from '../python/parser';
import type { TokenExpr } from '../schema/conventionTokens';

class Unreadable extends Error {}
const fail = (): never => {
  throw new Unreadable();
};

const named = (node: SyntaxNode): SyntaxNode[] => node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
const field = (node: SyntaxNode, name: string): SyntaxNode => node.childForFieldName(name) ?? fail();

function stringNode(node: SyntaxNode): TokenExpr {
  const interpolations = named(node).filter((c) => c.type === 'interpolation');
  if (interpolations.length === 0) {
    const value = stringLiteralValue(node.text);
    return value === null ? fail() : { t: 'str', v: value };
  }
  // An f-string: literal pieces and {expressions}, without conversions or format specs.
  const parts: (string | TokenExpr)[] = [];
  for (const child of named(node)) {
    if (child.type === 'string_start' || child.type === 'string_end') continue;
    if (child.type === 'string_content') parts.push(child.text);
    else if (child.type === 'interpolation') {
      if (named(child).length !== 1) fail();
      parts.push(read(field(child, 'expression')));
    } else fail();
  }
  return { t: 'fstr', parts };
}

function comprehension(node: SyntaxNode): TokenExpr {
  const body = field(node, 'body');
  // Nodes are fresh objects per access: the body is told apart by where it starts.
  const clauses = named(node).filter((c) => c.startIndex !== body.startIndex);
  const loops = clauses.filter((c) => c.type === 'for_in_clause');
  if (loops.length !== 1 || clauses.some((c) => c.type !== 'for_in_clause' && c.type !== 'if_clause')) fail();
  const loop = loops[0] as SyntaxNode;
  const target = field(loop, 'left');
  if (target.type !== 'identifier') fail();
  const conds = clauses.filter((c) => c.type === 'if_clause').map((c) => read(named(c)[0] ?? fail()));
  return { t: 'comp', elt: read(body), target: target.text, iter: read(field(loop, 'right')), conds };
}

function read(node: SyntaxNode): TokenExpr {
  switch (node.type) {
    case 'string':
      return stringNode(node);
    case 'concatenated_string': {
      const pieces = named(node).map(read);
      return pieces.reduce((l, r) => ({ t: 'bin', op: '+', l, r }));
    }
    case 'integer': {
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isInteger(value) ? { t: 'num', v: value } : fail();
    }
    case 'true':
    case 'false':
      return { t: 'const', v: node.type === 'true' };
    case 'none':
      return { t: 'const', v: null };
    case 'identifier':
      return { t: 'name', id: node.text };
    case 'attribute':
      return { t: 'attr', obj: read(field(node, 'object')), attr: field(node, 'attribute').text };
    case 'parenthesized_expression': {
      const inner = named(node);
      return inner.length === 1 ? read(inner[0] as SyntaxNode) : fail();
    }
    case 'call': {
      const args = field(node, 'arguments');
      const func = read(field(node, 'function'));
      if (args.type === 'generator_expression') return { t: 'call', func, args: [comprehension(args)] };
      const items = named(args);
      if (items.some((a) => a.type === 'keyword_argument' || a.type.endsWith('splat'))) fail();
      return { t: 'call', func, args: items.map(read) };
    }
    case 'generator_expression':
    case 'list_comprehension':
      return comprehension(node);
    case 'conditional_expression': {
      const [then, test, otherwise] = named(node);
      return then && test && otherwise ? { t: 'if', test: read(test), then: read(then), else: read(otherwise) } : fail();
    }
    case 'binary_operator':
      return { t: 'bin', op: field(node, 'operator').text, l: read(field(node, 'left')), r: read(field(node, 'right')) };
    case 'boolean_operator': {
      const op = field(node, 'operator').text;
      return op === 'and' || op === 'or' ? { t: 'bool', op, l: read(field(node, 'left')), r: read(field(node, 'right')) } : fail();
    }
    case 'not_operator':
      return { t: 'not', x: read(field(node, 'argument')) };
    case 'comparison_operator': {
      const operands = named(node);
      // `a == b` only (no chains); the operator is the text between the two operands.
      if (operands.length !== 2) fail();
      const [left, right] = operands as [SyntaxNode, SyntaxNode];
      const op = node.text
        .slice(left.endIndex - node.startIndex, right.startIndex - node.startIndex)
        .trim()
        .replace(/\s+/g, ' ');
      return { t: 'cmp', op, l: read(left), r: read(right) };
    }
    case 'list':
    case 'tuple':
      return { t: 'seq', items: named(node).map(read) };
    case 'subscript': {
      const index = named(node).slice(1);
      return index.length === 1 ? { t: 'sub', obj: read(field(node, 'value')), index: read(index[0] as SyntaxNode) } : fail();
    }
    case 'unary_operator': {
      const operand = field(node, 'argument');
      return field(node, 'operator').text === '-' && operand.type === 'integer' ? { t: 'num', v: -Number(operand.text.replace(/_/g, '')) } : fail();
    }
    default:
      return fail();
  }
}

/** The returned expression of `def f(...): ["""doc"""] return <expr>`, or null when the body is anything else. */
export function readReturnExpr(body: SyntaxNode): TokenExpr | null {
  const statements = named(body);
  const first = statements[0];
  const rest = first?.type === 'expression_statement' && named(first)[0]?.type === 'string' ? statements.slice(1) : statements;
  const only = rest[0];
  if (rest.length !== 1 || only?.type !== 'return_statement') return null;
  const value = named(only)[0];
  if (!value) return null;
  try {
    return read(value);
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
}
