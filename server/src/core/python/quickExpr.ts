// A plain-JavaScript reader for the small part of Python that model classes are mostly made of:
// names, attributes, calls, subscripts, literals and `|`. It gives exactly the PyExpr that expr.ts
// reads from tree-sitter, without a parse tree: a 50,000-line models file is read in a fraction of
// tree-sitter's parse alone, and nothing crosses into WebAssembly. Comments are skipped (and may
// hold any text). Anything outside that part (operators, lambdas, string prefixes, non-ASCII text
// outside comments, ...) throws QUICK_BAIL, and the caller reads the text with tree-sitter as
// before. Being unsure is always a bail, never a guess.
import { CompactRange, type Position } from '../source';
import { stringLiteralValue, type PyExpr } from './expr';

/** Thrown when the text leaves the part of Python this reader knows (the caller falls back). */
export const QUICK_BAIL: unique symbol = Symbol('quick-bail');

export function bail(): never {
  throw QUICK_BAIL;
}

/** Python keywords and the soft keywords tree-sitter gives statements of their own: never read as names. */
export const RESERVED = new Set(
  (
    'and as assert async await break class continue def del elif else except exec finally for from global if import in is lambda ' +
    'nonlocal not or pass print raise return try while with yield match case type'
  ).split(' '),
);

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
/** The last printable ASCII character: anything above it is taken only inside comments. */
const TILDE = 126;

function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether the quick reader may try this text at all: printable ASCII and newlines, no comment, no backslash outside strings is checked later. */
export function quickReadable(text: string): boolean {
  return !/[^\x20-\x7e\n]|#/.test(text);
}

/**
 * quickReadable, with comments: no tab, CR or other control character anywhere. Text outside
 * ASCII is taken only inside a comment (the cursor bails on it anywhere else): a comment runs to the
 * end of its line, so no position tree-sitter gives can count its characters.
 */
export function quickReadableWithComments(text: string): boolean {
  return !/[^\n\x20-\x7e\x80-\uffff]/.test(text);
}

/**
 * Identifiers read before, by a hash of their text: `db`, `Column`, `nullable` and each column name
 * come back as one string each instead of a new one per use (a 50,000-line models file has ~200,000).
 * Only short ones: V8 copies a slice under 13 characters, but a longer slice keeps the whole text it
 * was cut from alive, and this table outlives every text.
 */
const INTERNED: string[] = new Array<string>(4096).fill('');
const MAX_INTERNED_LENGTH = 12;

export class QuickCursor {
  pos = 0;
  /** Bracket depth: inside brackets a newline is only whitespace. */
  depth = 0;
  private line = 0;
  private lineStart = 0;
  /** Where the last token read ended (a node's range ends there); kept as numbers, so a token allocates nothing. */
  private endLine: number;
  private endCharacter = 0;
  lastEndOffset = 0;
  /** Set by nextIndent. */
  skippedIndentedComment = false;
  /** Set by endOfLine: the line ended with a comment (tree-sitter counts it into a block it ends). */
  trailingComment = false;
  private lastCommentStart = -1;

  constructor(
    readonly text: string,
    private readonly row: number,
  ) {
    this.endLine = row;
  }

  point(): Position {
    return { line: this.row + this.line, character: this.pos - this.lineStart };
  }

  /** Where the last token ended, as a new Position on each read. */
  get lastEnd(): Position {
    return { line: this.endLine, character: this.endCharacter };
  }

  /** Skips spaces and comments (and newlines inside brackets); returns the next character code (NaN at the end). */
  peek(): number {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === SPACE) this.pos++;
      else if (code === NEWLINE && this.depth > 0) this.newline();
      else if (code === HASH) this.skipComment();
      else return code;
    }
  }

  /** To the end of the line (its newline not taken). */
  private skipComment(): void {
    this.lastCommentStart = this.pos;
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }

  private newline(): void {
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  private endToken(): void {
    this.endLine = this.row + this.line;
    this.endCharacter = this.pos - this.lineStart;
    this.lastEndOffset = this.pos;
  }

  /** Consumes one punctuation character (after peek), tracking bracket depth. */
  take(code: number): void {
    if (this.peek() !== code) bail();
    this.pos++;
    if (code === 40 || code === 91 || code === 123) this.depth++;
    else if (code === 41 || code === 93 || code === 125) this.depth--;
    this.endToken();
  }

  /** The identifier at the cursor (after peek), or bail. Short ones come from INTERNED when seen before. */
  identifier(): string {
    const text = this.text;
    const start = this.pos;
    let code = text.charCodeAt(start);
    if (!isIdentStart(code)) bail();
    let hash = code;
    let end = start + 1;
    while (isIdentPart((code = text.charCodeAt(end)))) {
      hash = (Math.imul(hash, 31) + code) | 0;
      end++;
    }
    this.pos = end;
    this.endToken();
    const length = end - start;
    if (length > MAX_INTERNED_LENGTH) return text.slice(start, end);
    const slot = hash & (INTERNED.length - 1);
    const known = INTERNED[slot] as string;
    if (known.length === length && text.startsWith(known, start)) return known;
    return (INTERNED[slot] = text.slice(start, end));
  }

  /** At the end of a logical line: the newline (consumed) or the end of the text. */
  endOfLine(): boolean {
    const code = this.peek();
    this.trailingComment = this.lastCommentStart >= this.lastEndOffset;
    if (Number.isNaN(code)) return true;
    if (code !== NEWLINE) return false;
    this.newline();
    return true;
  }

  /**
   * Skips blank lines and comment lines; returns the indentation (in spaces) of the next line with
   * code, or -1 at the end. `skippedIndentedComment` says whether one of the comment lines skipped
   * was indented: tree-sitter counts such a line after a block's last statement into the block.
   */
  nextIndent(): number {
    const text = this.text;
    this.skippedIndentedComment = false;
    for (;;) {
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i++;
      const code = text.charCodeAt(i);
      if (Number.isNaN(code)) {
        this.pos = i;
        return -1;
      }
      if (code === HASH) {
        if (i > this.pos) this.skippedIndentedComment = true;
        this.pos = i;
        this.skipComment();
        if (this.pos < text.length) this.newline();
        continue;
      }
      if (code !== NEWLINE) {
        const indent = i - this.pos;
        this.pos = i;
        return indent;
      }
      this.pos = i;
      this.newline();
    }
  }

  /** From `start` to the end of the last token. */
  rangeFrom(start: Position): CompactRange {
    return new CompactRange(start.line, start.character, this.endLine, this.endCharacter);
  }

  /** rangeFrom, for a start kept as numbers (no Position made). */
  private rangeAt(startLine: number, startCharacter: number): CompactRange {
    return new CompactRange(startLine, startCharacter, this.endLine, this.endCharacter);
  }

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
