// Would CPython import this file? tree-sitter recovers from almost anything, so a file it reads may
// still be one Python refuses: a NUL byte, an unexpected indent, an unindent that matches no outer
// level, a block with no body, mixed tabs and spaces. Alembic imports every revision file before any
// command, so one such file stops `flask db upgrade` — and must stop ours before it touches a database.
import type { Range } from '../source';
import type { SyntaxNode } from './parser';

export interface PythonImportError {
  /** As Python prints it: "IndentationError: unexpected indent". */
  message: string;
  range: Range;
}

/** Statement kinds that begin a logical line (clauses of compound statements included). */
const LINE_STARTERS = /(_statement|_definition)$|^(decorator|else_clause|elif_clause|except_clause|except_group_clause|finally_clause|case_clause)$/;

const MESSAGES = {
  nullByte: 'SyntaxError: source code cannot contain null bytes',
  invalid: 'SyntaxError: invalid syntax',
  missing: (what: string) => `SyntaxError: invalid syntax (expected ${what})`,
  unexpectedIndent: 'IndentationError: unexpected indent',
  expectedBlock: 'IndentationError: expected an indented block',
  unindent: 'IndentationError: unindent does not match any outer indentation level',
  tabs: 'TabError: inconsistent use of tabs and spaces in indentation',
} as const;

function lineRange(line: number, character = 0): Range {
  return { start: { line, character }, end: { line, character } };
}

function at(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** The first problem Python would report, or null when the file would compile. */
export function pythonImportError(root: SyntaxNode, text: string): PythonImportError | null {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // The tokenizer rejects the file before parsing anything else.
    const before = text.slice(0, nul);
    const line = before.split('\n').length - 1;
    return { message: MESSAGES.nullByte, range: lineRange(line, nul - (before.lastIndexOf('\n') + 1)) };
  }
  // Where tree-sitter had to recover, the blocks around the error are guesses: report the error itself.
  return firstSyntaxError(root) ?? indentationError(root, text.split('\n'));
}

function firstSyntaxError(root: SyntaxNode): PythonImportError | null {
  if (!root.hasError) return null;
  let first: SyntaxNode | null = null;
  for (const node of root.descendantsOfType(['ERROR', 'MISSING'])) {
    if (!node) continue;
    if (!first || node.startIndex < first.startIndex) first = node;
  }
  // hasError can come from a MISSING leaf that descendantsOfType does not list by that name.
  if (!first) first = findMissing(root) ?? root;
  return { message: first.isMissing ? MESSAGES.missing(first.type) : MESSAGES.invalid, range: at(first) };
}

function findMissing(node: SyntaxNode): SyntaxNode | null {
  if (node.isMissing) return node;
  for (const child of node.children) {
    if (child && child.hasError) {
      const found = findMissing(child);
      if (found) return found;
    }
  }
  return null;
}

interface LineStart {
  line: number;
  indent: string;
  /** A header whose body starts on a later line: the next logical line must be indented deeper. */
  opensBlock: boolean;
}

/** The body block of a compound statement opens a new indentation level when it starts after the colon's line. */
function opensBlock(node: SyntaxNode): boolean {
  const block = node.namedChildren.find((c) => c?.type === 'block');
  if (!block) return false;
  const first = block.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!first) return true;
  const colon = block.previousSibling;
  return first.startPosition.row > (colon ? colon.endPosition.row : node.startPosition.row);
}

function collectLineStarts(node: SyntaxNode, lines: string[], out: LineStart[]): void {
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment' || child.type === 'ERROR') continue;
    if (child.type === 'block') {
      collectLineStarts(child, lines, out);
      continue;
    }
    if (!LINE_STARTERS.test(child.type)) continue;
    const line = child.startPosition.row;
    const indent = /^[ \t\f]*/.exec(lines[line] ?? '')?.[0] ?? '';
    const firstOnLine = child.startPosition.column === indent.length && out.at(-1)?.line !== line;
    if (firstOnLine) out.push({ line, indent, opensBlock: opensBlock(child) });
    else if (out.at(-1)?.line === line && opensBlock(child)) (out.at(-1) as LineStart).opensBlock = true;
    collectLineStarts(child, lines, out);
  }
}

/** Columns as CPython's tokenizer measures them: tabs to multiples of 8, and (to catch ambiguity) of 1. */
function columns(indent: string): { col: number; alt: number } {
  let col = 0;
  let alt = 0;
  for (const ch of indent) {
    if (ch === '\t') {
      col = (Math.floor(col / 8) + 1) * 8;
      alt += 1;
    } else if (ch === '\f') {
      col = 0;
      alt = 0;
    } else {
      col += 1;
      alt += 1;
    }
  }
  return { col, alt };
}

/** CPython's indentation stack, run over the logical lines the tree shows. */
function indentationError(root: SyntaxNode, lines: string[]): PythonImportError | null {
  const starts: LineStart[] = [];
  collectLineStarts(root, lines, starts);
  const stack = [{ col: 0, alt: 0 }];
  let expectIndent = false;
  for (const start of starts) {
    const { col, alt } = columns(start.indent);
    const top = stack[stack.length - 1] as { col: number; alt: number };
    const range = lineRange(start.line, start.indent.length);
    if (col > top.col) {
      if (alt <= top.alt) return { message: MESSAGES.tabs, range };
      if (!expectIndent) return { message: MESSAGES.unexpectedIndent, range };
      stack.push({ col, alt });
    } else if (expectIndent) {
      return { message: MESSAGES.expectedBlock, range };
    } else if (col === top.col) {
      if (alt !== top.alt) return { message: MESSAGES.tabs, range };
    } else {
      while (stack.length > 1 && col < (stack[stack.length - 1] as { col: number }).col) stack.pop();
      const outer = stack[stack.length - 1] as { col: number; alt: number };
      if (col !== outer.col) return { message: MESSAGES.unindent, range };
      if (alt !== outer.alt) return { message: MESSAGES.tabs, range };
    }
    expectIndent = start.opensBlock;
  }
  // A header with no body before the end of the file: Python names the header's line.
  if (expectIndent) return { message: MESSAGES.expectedBlock, range: lineRange(starts.at(-1)?.line ?? 0) };
  return null;
}
