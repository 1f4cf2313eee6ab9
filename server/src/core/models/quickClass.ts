// A class chunk read without tree-sitter, when it is made only of what model classes usually are:
// `class Name(bases):` and a body of `name = value`, `name: Annotation = value`, `name: Annotation`,
// docstrings and `pass`, with comments anywhere but after the last statement (tree-sitter counts
// those into the class's range). The facts are exactly those statementFacts.ts reads from the parse tree
// (quickClass.test.ts compares both on every fixture and on generated shapes). Anything else,
// including every syntax error, returns null and the chunk is parsed by tree-sitter.
import type { PyExpr } from '../python/expr';
import type { ImportAction } from '../python/imports';
import { bail, QUICK_BAIL, QuickCursor, quickReadableWithComments } from '../python/quickExpr';
import { typeFromExpr, type TypeExpr } from './annotations';
import { placeAttribute, type AttributeFact, type ClassFact, type StatementFacts } from './statementFacts';

export interface QuickChunk {
  statements: StatementFacts[];
  imports: ImportAction[];
}

const CLASS_HEAD = /^class [A-Za-z_]/;
const RESERVED_TARGETS = new Set(['pass', 'class', 'def', 'type', 'match', 'case', 'print', 'exec', 'async', 'await', 'True', 'False', 'None']);

/** The facts of a chunk holding one plain class, or null when tree-sitter must read it. */
export function readQuickClass(text: string, row: number): QuickChunk | null {
  if (!CLASS_HEAD.test(text) || !quickReadableWithComments(text)) return null;
  try {
    return readClassChunk(new QuickCursor(text, row));
  } catch (error) {
    if (error === QUICK_BAIL) return null;
    throw error;
  }
}

function readClassChunk(cursor: QuickCursor): QuickChunk {
  const classStart = cursor.point();
  cursor.identifier(); // `class`
  cursor.peek();
  const nameStart = cursor.point();
  const name = cursor.identifier();
  if (RESERVED_TARGETS.has(name)) bail();
  const nameRange = cursor.rangeFrom(nameStart);
  const bases: PyExpr[] = [];
  const keywords: Record<string, PyExpr> = {};
  const baseTexts: string[] = [];
  if (cursor.peek() === 40) readSuperclasses(cursor, bases, keywords, baseTexts);
  cursor.take(58);
  if (!cursor.endOfLine()) bail(); // `class A: pass` on one line
  const fact: ClassFact = {
    name,
    bases,
    keywords,
    decorators: [],
    nameRange,
    range: { start: classStart, end: classStart },
    attributes: [],
    dunders: new Map(),
    methods: [],
    classMethods: [],
    forwards: [],
  };
  const indent = cursor.nextIndent();
  if (indent <= 0) bail();
  let at = indent;
  for (; at === indent; at = cursor.nextIndent()) readBodyStatement(cursor, fact);
  if (at !== -1) bail(); // code after the class at another indentation
  // A comment after the last statement (at its line's end, or indented below it) is in the class's range.
  if (cursor.trailingComment || cursor.skippedIndentedComment) bail();
  fact.range = cursor.rangeFrom(classStart);
  const imports: ImportAction[] = baseTexts.length > 0 ? [{ kind: 'flaskDbSubclass', name, bases: baseTexts }] : [];
  return { statements: [{ kind: 'class', fact }], imports };
}

/** `(Base, db.Model, metaclass=M)`: bases and keywords, as readClass reads the argument list. */
function readSuperclasses(cursor: QuickCursor, bases: PyExpr[], keywords: Record<string, PyExpr>, baseTexts: string[]): void {
  cursor.take(40);
  while (cursor.peek() !== 41) {
    const from = cursor.pos;
    const code = cursor.text.charCodeAt(from);
    if (code === 40) bail(); // `((Base))`: the flask-db subclass reader sees a parenthesized node there
    const expr = cursor.expr();
    if (cursor.peek() === 61) {
      if (expr.kind !== 'name') bail();
      cursor.take(61);
      keywords[expr.id] = cursor.expr();
    } else {
      bases.push(expr);
      if (expr.kind === 'name' || expr.kind === 'attr') baseTexts.push(cursor.text.slice(from, cursor.lastEndOffset).replace(/\s+/g, ''));
    }
    if (cursor.peek() === 44) cursor.take(44);
    else if (cursor.peek() !== 41) bail();
  }
  cursor.take(41);
}

/** One statement of the class body, at its indentation; the cursor is at its first character. */
function readBodyStatement(cursor: QuickCursor, fact: ClassFact): void {
  const start = cursor.point();
  const code = cursor.text.charCodeAt(cursor.pos);
  if (code === 34 || code === 39) {
    // A docstring (or any lone string): an expression statement that declares nothing.
    if (cursor.expr().kind !== 'str') bail();
    if (!cursor.endOfLine()) bail();
    return;
  }
  const name = cursor.identifier();
  if (name === 'pass') {
    if (!cursor.endOfLine()) bail();
    return;
  }
  if (RESERVED_TARGETS.has(name)) bail();
  let annotation: TypeExpr | null = null;
  let value: PyExpr | null = null;
  const next = cursor.peek();
  if (next === 58) {
    cursor.take(58);
    annotation = readAnnotation(cursor);
    if (cursor.peek() === 61) {
      cursor.take(61);
      value = cursor.expr();
      if (cursor.peek() === 61) bail(); // `a: T = b = c`
    }
  } else if (next === 61 && cursor.text.charCodeAt(cursor.pos + 1) !== 61) {
    cursor.take(61);
    value = cursor.expr();
    // `a = b = Column(...)`: the value is the last one.
    while (cursor.peek() === 61) {
      if (value.kind !== 'name' || RESERVED_TARGETS.has(value.id)) bail();
      cursor.take(61);
      value = cursor.expr();
    }
  } else bail();
  if (!cursor.endOfLine()) bail();
  const attribute: AttributeFact = { name, value, annotation, range: cursor.rangeFrom(start), declaredAttr: false };
  placeAttribute(fact, attribute);
}

/**
 * An annotation, as tree-sitter reads a `type`: `Name[...]` is a generic type whose parameters are
 * types again; anything else is an expression. `|` next to a generic type is tree-sitter's
 * union_type, which readAnnotation does not read as a union: left to tree-sitter.
 */
function readAnnotation(cursor: QuickCursor): TypeExpr {
  const start = cursor.point0();
  const first = readTypeOperand(cursor);
  if (cursor.peek() !== 124) return first.type;
  let expr = first.expr ?? bail();
  while (cursor.peek() === 124) {
    cursor.take(124);
    cursor.peek();
    const right = readTypeOperand(cursor).expr ?? bail();
    expr = { kind: 'binop', op: '|', left: expr, right, range: cursor.rangeFrom(start) };
  }
  return typeFromExpr(expr);
}

/** One operand of an annotation: a generic type (no expression) or an expression (postfix level). */
function readTypeOperand(cursor: QuickCursor): { type: TypeExpr; expr: PyExpr | null } {
  const start = cursor.point0();
  const at = cursor.pos;
  const text = cursor.text;
  let end = at;
  while (/[A-Za-z0-9_]/.test(text.charAt(end))) end++;
  if (end > at && text.charCodeAt(end) === 91 && /^[A-Za-z_]/.test(text.charAt(at))) {
    const base = cursor.identifier();
    if (base === 'None' || base === 'True' || base === 'False' || RESERVED_TARGETS.has(base)) bail();
    cursor.take(91);
    const params: TypeExpr[] = [readAnnotation(cursor)];
    while (cursor.peek() === 44) {
      cursor.take(44);
      if (cursor.peek() === 93) bail();
      params.push(readAnnotation(cursor));
    }
    cursor.take(93);
    const after = cursor.peek();
    if (after === 46 || after === 40 || after === 91) bail(); // member_type and other shapes
    return { type: { kind: 'generic', base, params, range: cursor.rangeFrom(start) }, expr: null };
  }
  const expr = cursor.postfix();
  return { type: typeFromExpr(expr), expr };
}
