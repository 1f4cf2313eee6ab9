// The lexical half of the quick Python reader (quickExpr.ts): characters, comments, lines,
// indentation, identifiers and the ranges of tokens, kept as numbers so that a token allocates
// nothing. Anything it does not know throws QUICK_BAIL; the caller then reads with tree-sitter.
import { CompactRange, type Position } from '../source';

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

export const SPACE = 32;
export const NEWLINE = 10;
export const HASH = 35;
/** The last printable ASCII character: anything above it is taken only inside comments. */
export const TILDE = 126;

export function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

export function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

export function isDigit(code: number): boolean {
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

export class QuickLexer {
  pos = 0;
  /** Bracket depth: inside brackets a newline is only whitespace. */
  depth = 0;
  protected line = 0;
  protected lineStart = 0;
  /** Where the last token read ended (a node's range ends there); kept as numbers, so a token allocates nothing. */
  protected endLine: number;
  private endCharacter = 0;
  lastEndOffset = 0;
  /** Set by nextIndent. */
  skippedIndentedComment = false;
  /** Set by endOfLine: the line ended with a comment (tree-sitter counts it into a block it ends). */
  trailingComment = false;
  private lastCommentStart = -1;

  constructor(
    readonly text: string,
    protected readonly row: number,
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

  protected newline(): void {
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  protected endToken(): void {
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
  protected rangeAt(startLine: number, startCharacter: number): CompactRange {
    return new CompactRange(startLine, startCharacter, this.endLine, this.endCharacter);
  }
}
