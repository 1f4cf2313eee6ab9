// A plain-JavaScript reader for the small part of Python that model classes are mostly made of:
// names, attributes, calls, subscripts, literals and `|`. It gives exactly the PyExpr that expr.ts
// reads from tree-sitter, without a parse tree: a 50,000-line models file is read in a fraction of
// tree-sitter's parse alone, and nothing crosses into WebAssembly. Comments are skipped (and may
// hold any text). Anything outside that part (operators, lambdas, string prefixes, non-ASCII text
// outside comments, ...) throws QUICK_BAIL, and the caller reads the text with tree-sitter as
// before. Being unsure is always a bail, never a guess.
import { type Position } from '../source';
import { stringLiteralValue, type PyExpr } from './expr';
import { bail, isDigit, isIdentPart, isIdentStart, NEWLINE, QuickLexer, RESERVED, SPACE, TILDE } from './quickCursor';

export { bail, QUICK_BAIL, quickReadable, quickReadableWithComments, RESERVED } from './quickCursor';

/** The quick reader: the lexer of quickCursor.ts plus Python's value expressions. */
export class QuickCursor extends QuickLexer {
  // ---- expressions (value context) ----

  /** An expression: postfix expressions joined by `|`. */
  expr(): PyExpr {
    this.peek();
    // Numbers, not a Position: most expressions are no binop and need none.
    const startLine = this.row + this.line;
    const startCharacter = this.pos - this.lineStart;
    let left = this.postfix();
    while (this.peek() === 124 && this.text.charCodeAt(this.pos + 1) !== 61) {
      this.take(124);
      this.peek();
      const right = this.postfix();
      left = { kind: 'binop', op: '|', left, right, range: this.rangeAt(startLine, startCharacter) };
    }
    return left;
  }

  /** The position of the next token (after skipping whitespace). */
  point0(): Position {
    this.peek();
    return this.point();
  }

  postfix(): PyExpr {
    this.peek();
    // Each node of a chain (`db.Column(...)`) starts at its first token (a `(` of `(x).y` too).
    const startLine = this.row + this.line;
    const startCharacter = this.pos - this.lineStart;
    let expr = this.atom();
    for (;;) {
      const code = this.peek();
      if (code === 46) {
        this.take(46);
        this.peek();
        const attr = this.identifier();
        if (RESERVED.has(attr)) bail();
        expr = { kind: 'attr', object: expr, attr, range: this.rangeAt(startLine, startCharacter) };
      } else if (code === 40) {
        expr = this.call(expr, startLine, startCharacter);
      } else if (code === 91) {
        this.take(91);
        const index: PyExpr[] = [this.expr()];
        while (this.peek() === 44) {
          this.take(44);
          if (this.peek() === 93) bail();
          index.push(this.expr());
        }
        this.take(93);
        expr = { kind: 'subscript', value: expr, index, range: this.rangeAt(startLine, startCharacter) };
      } else return expr;
    }
  }

  private call(func: PyExpr, startLine: number, startCharacter: number): PyExpr {
    this.take(40);
    const args: PyExpr[] = [];
    const kwargs: Record<string, PyExpr> = {};
    while (this.peek() !== 41) {
      const at = this.pos;
      if (isIdentStart(this.text.charCodeAt(at))) {
        // `name=value`: a keyword argument (but not `name == value`).
        let end = at + 1;
        while (isIdentPart(this.text.charCodeAt(end))) end++;
        let after = end;
        while (this.text.charCodeAt(after) === SPACE) after++;
        if (this.text.charCodeAt(after) === 61 && this.text.charCodeAt(after + 1) !== 61) {
          const name = this.identifier();
          if (RESERVED.has(name)) bail();
          this.take(61);
          kwargs[name] = this.expr();
          if (!this.comma(41)) break;
          continue;
        }
      }
      args.push(this.expr());
      if (!this.comma(41)) break;
    }
    this.take(41);
    // A copy of its own size: a pushed-to array keeps room for 16 items, and most calls have one or two.
    return { kind: 'call', func, args: args.length === 0 ? args : args.slice(), kwargs, hasStarArgs: false, range: this.rangeAt(startLine, startCharacter) };
  }

  /** After an item: a comma (consumed, true) or the closing bracket (false); anything else bails. */
  private comma(close: number): boolean {
    const code = this.peek();
    if (code === 44) {
      this.take(44);
      return true;
    }
    if (code !== close) bail();
    return false;
  }

  private atom(): PyExpr {
    const code = this.peek();
    const line = this.row + this.line;
    const character = this.pos - this.lineStart;
    if (isIdentStart(code)) {
      const id = this.identifier();
      const next = this.text.charCodeAt(this.pos);
      if (next === 34 || next === 39) bail(); // a string prefix: f"", b"", r""
      if (id === 'True' || id === 'False') return { kind: 'bool', value: id === 'True', range: this.rangeAt(line, character) };
      if (id === 'None') return { kind: 'none', range: this.rangeAt(line, character) };
      if (RESERVED.has(id)) bail();
      return { kind: 'name', id, range: this.rangeAt(line, character) };
    }
    if (code === 34 || code === 39) {
      const from = this.pos;
      this.string(code);
      const next = this.peek();
      if (next === 34 || next === 39) bail(); // "a" "b": a concatenated string
      const value = stringLiteralValue(this.text.slice(from, this.lastEndOffset));
      if (value === null) bail();
      return { kind: 'str', value, range: this.rangeAt(line, character) };
    }
    if (isDigit(code) || code === 45) return this.number(line, character);
    if (code === 40) return this.parenthesized(line, character);
    if (code === 91) {
      this.take(91);
      return { kind: 'list', items: this.items(93), range: this.rangeAt(line, character) };
    }
    if (code === 123) return this.braces(line, character);
    return bail();
  }

  private items(close: number): PyExpr[] {
    const items: PyExpr[] = [];
    while (this.peek() !== close) {
      items.push(this.expr());
      if (!this.comma(close)) break;
    }
    this.take(close);
    return items.length === 0 ? items : items.slice();
  }

  private parenthesized(line: number, character: number): PyExpr {
    this.take(40);
    if (this.peek() === 41) {
      this.take(41);
      return { kind: 'tuple', items: [], range: this.rangeAt(line, character) };
    }
    const first = this.expr();
    if (this.peek() === 41) {
      // `(x)`: tree-sitter's parenthesized_expression, read as what it holds.
      this.take(41);
      return first;
    }
    this.take(44);
    const items = [first, ...this.items(41)];
    return { kind: 'tuple', items, range: this.rangeAt(line, character) };
  }

  private braces(line: number, character: number): PyExpr {
    this.take(123);
    if (this.peek() === 125) {
      this.take(125);
      return { kind: 'dict', entries: [], range: this.rangeAt(line, character) };
    }
    const first = this.expr();
    if (this.peek() !== 58) {
      const items = this.comma(125) ? [first, ...this.items(125)] : (this.take(125), [first]);
      return { kind: 'set', items, range: this.rangeAt(line, character) };
    }
    const entries: { key: PyExpr; value: PyExpr }[] = [];
    let key = first;
    for (;;) {
      this.take(58);
      entries.push({ key, value: this.expr() });
      if (!this.comma(125) || this.peek() === 125) break;
      key = this.expr();
      if (this.peek() !== 58) bail();
    }
    this.take(125);
    return { kind: 'dict', entries, range: this.rangeAt(line, character) };
  }

  /** A decimal integer or float (`-` directly before it included), as tree-sitter's integer / float / unary minus. */
  private number(line: number, character: number): PyExpr {
    const text = this.text;
    const from = this.pos;
    let i = from;
    if (text.charCodeAt(i) === 45) i++;
    const digits = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === digits || (text.charCodeAt(digits) === 48 && i - digits > 1)) bail();
    if (text.charCodeAt(i) === 46) {
      i++;
      const fraction = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === fraction) bail();
    }
    const next = text.charCodeAt(i);
    if (isIdentPart(next) || next === 46) bail(); // 1e5, 1j, 0x1f, 1_000, 1.2.3
    this.pos = i;
    this.endToken();
    const source = text.slice(from, i);
    const value = source.charCodeAt(0) === 45 ? -Number(source.slice(1)) : Number(source);
    return { kind: 'num', value, text: source, range: this.rangeAt(line, character) };
  }

  /** A string literal without prefix: one-line, or triple-quoted (newlines inside tracked). */
  private string(quote: number): void {
    const text = this.text;
    let i = this.pos;
    const triple = text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote;
    if (triple) {
      i += 3;
      for (;;) {
        const code = text.charCodeAt(i);
        if (Number.isNaN(code) || code > TILDE) bail();
        if (code === 92) bail(); // escapes in a docstring: leave them to tree-sitter
        if (code === quote && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) {
          if (text.charCodeAt(i + 3) === quote) bail(); // """a"""" : more quotes than the end
          i += 3;
          break;
        }
        if (code === NEWLINE) {
          this.pos = i;
          this.newline();
          i = this.pos;
          continue;
        }
        i++;
      }
    } else {
      i++;
      for (;;) {
        const code = text.charCodeAt(i);
        if (Number.isNaN(code) || code === NEWLINE || code > TILDE) bail();
        if (code === 92) {
          if (text.charCodeAt(i + 1) === NEWLINE || Number.isNaN(text.charCodeAt(i + 1))) bail();
          i += 2;
          continue;
        }
        i++;
        if (code === quote) break;
      }
    }
    this.pos = i;
    this.endToken();
  }
}
