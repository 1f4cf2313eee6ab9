// Splits a Python module into top-level chunks that can be parsed on their own: each class or
// function (with its decorators) is one chunk, and runs of other statements between them are one.
// tree-sitter's error recovery grows much faster than the text after an unclosed bracket (150 s for
// one `mapped_column(` in a 50,000-line file), so a bracket left open must only reach the next
// top-level `class` / `def`: here it is cut there, as Python itself would report it.
// The scan is a small lexer (strings, comments, brackets, line continuations): linear in the text.

export interface TextChunk {
  /** Character offset of the chunk in the module text. */
  start: number;
  end: number;
  /** Zero-based line of `start` (every chunk starts at a line start). */
  row: number;
  text: string;
}

/** Keywords that continue the compound statement above them; never a new chunk. */
const CONTINUATIONS = new Set(['else', 'elif', 'except', 'finally']);
/** A class or function: a chunk of its own. */
const BLOCK_STARTS = new Set(['class', 'def', 'async']);
/** Statements that can never sit inside brackets: an unclosed bracket above ends before them. */
const NEVER_BRACKETED = new Set(['class', 'def', 'async', 'import', 'from']);

const CH_NEWLINE = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_TAB = 9;
const CH_FORMFEED = 12;
const CH_HASH = 35;
const CH_AT = 64;
const CH_BACKSLASH = 92;
const CH_DQUOTE = 34;
const CH_SQUOTE = 39;

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}

function leadingWord(text: string, at: number): string {
  let end = at;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  return text.slice(at, end);
}

interface LexState {
  depth: number;
  /** The quote sequence of an open triple-quoted string ('"""' or "'''"), or null. */
  triple: string | null;
  /** The line ended with a backslash outside a string. */
  continued: boolean;
}

/** Scans one line from `at` to its end (exclusive of the newline); returns the offset of the newline or text end. */
function scanLine(text: string, at: number, state: LexState): number {
  let i = at;
  state.continued = false;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === CH_NEWLINE) return i;
    if (state.triple !== null) {
      if (code === CH_BACKSLASH) i += 2;
      else if (text.startsWith(state.triple, i)) {
        i += 3;
        state.triple = null;
      } else i++;
      continue;
    }
    if (code === CH_HASH) {
      const newline = text.indexOf('\n', i);
      return newline === -1 ? length : newline;
    }
    if (code === CH_DQUOTE || code === CH_SQUOTE) {
      const quote = code === CH_DQUOTE ? '"' : "'";
      if (text.startsWith(quote + quote + quote, i)) {
        state.triple = quote + quote + quote;
        i += 3;
        continue;
      }
      // A one-line string ends at its quote, or (unterminated) at the end of the line.
      i++;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === CH_NEWLINE) break;
        if (c === CH_BACKSLASH) {
          i += text.charCodeAt(i + 1) === CH_NEWLINE ? 1 : 2;
          continue;
        }
        i++;
        if (c === code) break;
      }
      continue;
    }
    if (code === 40 || code === 91 || code === 123) state.depth++;
    else if (code === 41 || code === 93 || code === 125) state.depth = Math.max(0, state.depth - 1);
    else if (code === CH_BACKSLASH && (text.charCodeAt(i + 1) === CH_NEWLINE || (text.charCodeAt(i + 1) === CH_CR && text.charCodeAt(i + 2) === CH_NEWLINE)))
      state.continued = true;
    i++;
  }
  return i;
}

export function splitTopLevel(text: string): TextChunk[] {
  const chunks: TextChunk[] = [];
  const state: LexState = { depth: 0, triple: null, continued: false };
  let chunkStart = 0;
  let chunkRow = 0;
  let chunkIsBlock = false;
  let afterDecorator = false;
  let row = 0;
  let lineStart = 0;
  const cut = (at: number, atRow: number) => {
    if (at > chunkStart) chunks.push({ start: chunkStart, end: at, row: chunkRow, text: text.slice(chunkStart, at) });
    chunkStart = at;
    chunkRow = atRow;
  };
  while (lineStart <= text.length) {
    const first = text.charCodeAt(lineStart);
    const startsCode =
      lineStart < text.length &&
      state.triple === null &&
      !state.continued &&
      first !== CH_SPACE &&
      first !== CH_TAB &&
      first !== CH_NEWLINE &&
      first !== CH_CR &&
      first !== CH_FORMFEED &&
      first !== CH_HASH &&
      first !== 41 &&
      first !== 93 &&
      first !== 125;
    if (startsCode) {
      const word = first === CH_AT ? '@' : leadingWord(text, lineStart);
      const isBlock = first === CH_AT || BLOCK_STARTS.has(word);
      // An unclosed bracket above a `class` / `def` / import line is cut off there.
      const forced = state.depth > 0 && NEVER_BRACKETED.has(word);
      if ((state.depth === 0 || forced) && !CONTINUATIONS.has(word) && !afterDecorator) {
        if (isBlock || chunkIsBlock || forced) {
          cut(lineStart, row);
          chunkIsBlock = isBlock;
        }
        state.depth = 0;
      }
      if (state.depth === 0) afterDecorator = first === CH_AT;
    }
    const lineEnd = scanLine(text, lineStart, state);
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
    row++;
  }
  cut(text.length, row);
  return chunks;
}
