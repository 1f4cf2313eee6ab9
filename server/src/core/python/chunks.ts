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

export interface SplitFrom {
  /** A chunk start of this text (the lexer's state there is always the same: nothing open). */
  start: number;
  row: number;
  /** Called at each cut after the first chunk; true stops the split there (the rest is known). */
  stopAt?: (at: number, row: number) => boolean;
}

export function splitTopLevel(text: string, from: SplitFrom = { start: 0, row: 0 }): TextChunk[] {
  const chunks: TextChunk[] = [];
  const state: LexState = { depth: 0, triple: null, continued: false };
  let chunkStart = from.start;
  let chunkRow = from.row;
  let chunkIsBlock = false;
  let afterDecorator = false;
  let row = from.row;
  let lineStart = from.start;
  let stopped = false;
  const cut = (at: number, atRow: number) => {
    if (at > chunkStart) {
      chunks.push({ start: chunkStart, end: at, row: chunkRow, text: text.slice(chunkStart, at) });
      if (from.stopAt?.(at, atRow)) stopped = true;
    }
    chunkStart = at;
    chunkRow = atRow;
  };
  while (lineStart <= text.length && !stopped) {
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
    if (stopped) break;
    const lineEnd = scanLine(text, lineStart, state);
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
    row++;
  }
  if (!stopped) cut(text.length, row);
  return chunks;
}

/**
 * The chunks of a text after one edit, from its chunks before: the chunks wholly before the edit
 * are kept, the text is split again from there, and as soon as a cut falls where an old chunk began
 * after the edit, the old chunks from there on are taken, moved by the edit's length and lines.
 * Equal to splitTopLevel(text): the lexer's state at any chunk start is the same (nothing open),
 * so from a common chunk start on, equal text splits equally.
 */
export function splitAfterEdit(before: readonly TextChunk[], text: string, edit: { start: number; end: number; newText: string }): TextChunk[] {
  // The chunk before the one holding the edit: its first line (which decides how it starts) is untouched.
  let index = 0;
  while (index + 1 < before.length && (before[index + 1] as TextChunk).start <= edit.start) index++;
  index = Math.max(0, index - 1);
  const resume = before[index];
  if (!resume) return splitTopLevel(text);
  const delta = edit.newText.length - (edit.end - edit.start);
  const editEnd = edit.start + edit.newText.length;
  let next = index + 1;
  let rows = 0;
  const stopAt = (at: number, row: number) => {
    if (at < editEnd) return false;
    while (next < before.length && (before[next] as TextChunk).start + delta < at) next++;
    const old = before[next];
    if (!old || old.start < edit.end || old.start + delta !== at) return false;
    rows = row - old.row;
    return true;
  };
  const middle = splitTopLevel(text, { start: resume.start, row: resume.row, stopAt });
  const last = middle.at(-1);
  // Texts sliced again from this text: a slice keeps the string it came from alive (the old document).
  const head = before.slice(0, index).map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
  if (!last || last.end >= text.length) return [...head, ...middle];
  const tail = before
    .slice(next)
    .map((c) => ({ start: c.start + delta, end: c.end + delta, row: c.row + rows, text: text.slice(c.start + delta, c.end + delta) }));
  return [...head, ...middle, ...tail];
}
