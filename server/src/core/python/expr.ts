// A small, plain-data view of Python expressions, read from tree-sitter nodes.
// Models and revision files are read through it, so neither deals with raw syntax nodes.
import { CompactRange, type Range } from '../source';
import type { SyntaxNode } from './parser';

export type PyExpr =
  | { kind: 'name'; id: string; range: Range }
  | { kind: 'attr'; object: PyExpr; attr: string; range: Range }
  | { kind: 'call'; func: PyExpr; args: PyExpr[]; kwargs: Record<string, PyExpr>; hasStarArgs: boolean; range: Range }
  | { kind: 'str'; value: string; range: Range }
  | { kind: 'num'; value: number; text: string; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | { kind: 'none'; range: Range }
  | { kind: 'list' | 'tuple' | 'set'; items: PyExpr[]; range: Range }
  | { kind: 'dict'; entries: { key: PyExpr; value: PyExpr }[]; range: Range }
  | { kind: 'subscript'; value: PyExpr; index: PyExpr[]; range: Range }
  | { kind: 'binop'; op: string; left: PyExpr; right: PyExpr; range: Range }
  | { kind: 'unknown'; text: string; range: Range };

/** The file line where the text being read starts (a chunk of a module is parsed on its own). */
let rowOffset = 0;

/** Reads nodes of a tree parsed from a piece of a file starting at line `row`: ranges come out in the file's lines. */
export function readAtRow<T>(row: number, read: () => T): T {
  const saved = rowOffset;
  rowOffset = row;
  try {
    return read();
  } finally {
    rowOffset = saved;
  }
}

export function nodeRange(node: SyntaxNode): Range {
  const start = node.startPosition;
  const end = node.endPosition;
  return new CompactRange(start.row + rowOffset, start.column, end.row + rowOffset, end.column);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** The value of one string literal (its source text), or null for f-strings (not static). */
export function stringLiteralValue(text: string): string | null {
  const prefixMatch = /^[a-zA-Z]*/.exec(text);
  const prefix = (prefixMatch?.[0] ?? '').toLowerCase();
  if (prefix.includes('f')) return null;
  const body = text.slice(prefix.length);
  const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
  const inner = body.slice(quote.length, body.length - quote.length);
  if (prefix.includes('r')) return inner;
  return inner.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|\n|.)/g, (_m, esc: string) => {
    if (esc === '\n') return '';
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return ESCAPES[esc] ?? `\\${esc}`;
  });
}

// Every `node.type` read crosses into tree-sitter's WebAssembly: the readers below read each node's type once.

function children(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

/** readExpr of each named child except comments. */
function readChildren(node: SyntaxNode): PyExpr[] {
  const out: PyExpr[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    const type = child.type;
    if (type !== 'comment') out.push(readTyped(child, type));
  }
  return out;
}

function readArguments(node: SyntaxNode | null, range: Range) {
  const args: PyExpr[] = [];
  const kwargs: Record<string, PyExpr> = {};
  let hasStarArgs = false;
  for (const arg of node ? node.namedChildren : []) {
    if (!arg) continue;
    const type = arg.type;
    if (type === 'comment') continue;
    if (type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) kwargs[name] = readExpr(value);
    } else if (type === 'list_splat' || type === 'dictionary_splat') {
      hasStarArgs = true;
    } else {
      args.push(readTyped(arg, type));
    }
  }
  return { args, kwargs, hasStarArgs, range };
}

/** A stand-in node of a file read without tree-sitter (history/quickRevision.ts): its expression is read already. */
interface PreReadNode {
  preRead?: () => PyExpr;
}

/** Reads an expression node. Anything not static comes back as `unknown`, never an exception. */
export function readExpr(node: SyntaxNode): PyExpr {
  if ((node as PreReadNode).preRead) return (node as PreReadNode).preRead!();
  return readTyped(node, node.type);
}

/** readExpr of a node whose type the caller has already read. */
function readTyped(node: SyntaxNode, type: string): PyExpr {
  const range = nodeRange(node);
  switch (type) {
    case 'identifier':
      return { kind: 'name', id: node.text, range };
    case 'attribute': {
      const object = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!object || !attr) break;
      return { kind: 'attr', object: readExpr(object), attr: attr.text, range };
    }
    case 'call': {
      const func = node.childForFieldName('function');
      const argsNode = node.childForFieldName('arguments');
      if (!func) break;
      // f(x for x in y): a generator argument is not static.
      if (argsNode?.type === 'generator_expression') break;
      // Spelled out in the quick reader's order (quickExpr.ts): one object shape for both readers keeps
      // V8's optimized code for their consumers (a spread made another shape, and deoptimized them).
      const read = readArguments(argsNode, range);
      return { kind: 'call', func: readExpr(func), args: read.args, kwargs: read.kwargs, hasStarArgs: read.hasStarArgs, range: read.range };
    }
    case 'string': {
      const text = node.text;
      const value = stringLiteralValue(text);
      // An interpolation's text starts with "{": without one in the text, there is none to look for.
      if (value === null || (text.includes('{') && node.namedChildren.some((c) => c?.type === 'interpolation'))) break;
      return { kind: 'str', value, range };
    }
    case 'concatenated_string': {
      let value = '';
      for (const piece of readChildren(node)) {
        if (piece.kind !== 'str') return { kind: 'unknown', text: node.text, range };
        value += piece.value;
      }
      return { kind: 'str', value, range };
    }
    case 'integer':
    case 'float': {
      const value = Number(node.text.replace(/_/g, ''));
      if (Number.isNaN(value)) break;
      return { kind: 'num', value, text: node.text, range };
    }
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.text;
      if (operand && op === '-' && (operand.type === 'integer' || operand.type === 'float')) {
        return { kind: 'num', value: -Number(operand.text.replace(/_/g, '')), text: node.text, range };
      }
      break;
    }
    case 'true':
    case 'false':
      return { kind: 'bool', value: type === 'true', range };
    case 'none':
      return { kind: 'none', range };
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: type as 'list' | 'tuple' | 'set', items: readChildren(node), range };
    case 'parenthesized_expression': {
      const inner = children(node)[0];
      return inner ? readExpr(inner) : { kind: 'unknown', text: node.text, range };
    }
    case 'dictionary': {
      const entries: { key: PyExpr; value: PyExpr }[] = [];
      for (const pair of children(node)) {
        const key = pair.childForFieldName('key');
        const value = pair.childForFieldName('value');
        if (pair.type !== 'pair' || !key || !value) return { kind: 'unknown', text: node.text, range };
        entries.push({ key: readExpr(key), value: readExpr(value) });
      }
      return { kind: 'dict', entries, range };
    }
    case 'subscript': {
      const value = node.childForFieldName('value');
      if (!value) break;
      const index = readChildren(node).slice(1);
      return { kind: 'subscript', value: readExpr(value), index, range };
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const op = node.childForFieldName('operator')?.text;
      if (!left || !right || !op) break;
      return { kind: 'binop', op, left: readExpr(left), right: readExpr(right), range };
    }
    case 'type': {
      // Annotations are wrapped in a `type` node.
      const inner = children(node)[0];
      if (inner) return readExpr(inner);
      break;
    }
  }
  return { kind: 'unknown', text: node.text, range };
}

/** "sa.Column" for sa.Column, "Column" for Column, null for anything that is not a dotted name. */
export function dottedName(expr: PyExpr): string | null {
  if (expr.kind === 'name') return expr.id;
  if (expr.kind === 'attr') {
    const base = dottedName(expr.object);
    return base === null ? null : `${base}.${expr.attr}`;
  }
  return null;
}

/** The dotted name of what is called, for a call; the dotted name itself otherwise. */
export function calleeName(expr: PyExpr): string | null {
  return expr.kind === 'call' ? dottedName(expr.func) : dottedName(expr);
}

export function strValue(expr: PyExpr | undefined): string | undefined {
  return expr?.kind === 'str' ? expr.value : undefined;
}

export function boolValue(expr: PyExpr | undefined): boolean | undefined {
  return expr?.kind === 'bool' ? expr.value : undefined;
}

export function numValue(expr: PyExpr | undefined): number | undefined {
  return expr?.kind === 'num' ? expr.value : undefined;
}

/** Items of a list/tuple/set literal, or undefined. */
export function itemsOf(expr: PyExpr | undefined): PyExpr[] | undefined {
  return expr && (expr.kind === 'list' || expr.kind === 'tuple' || expr.kind === 'set') ? expr.items : undefined;
}
