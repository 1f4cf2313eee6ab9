// The fixes that are plain text edits of a model file (add `server_default=...` to a column, put an
// ignore comment above a line), computed once for every consumer: the editor's code actions and the
// SARIF `fixes`. The other fixes write a migration and are no text edit.
import type { FindingFix } from '../findings';
import type { Position, Range, SourceLocation } from '../source';

export interface FileEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface FixEditSources {
  /** A file's text as the user sees it (an open buffer wins); null when unreadable. */
  text(file: string): string | null;
  /** Where a model column's statement is, when the models have it. */
  columnLocation(table: string, column: string): SourceLocation | undefined;
}

/** Offsets ↔ positions of one text (lines split on \n; a \r stays part of its line, as in LSP). */
function positions(text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return {
    offsetAt: (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character),
    positionAt(offset: number): Position {
      let line = 0;
      while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
      return { line, character: offset - (starts[line] as number) };
    },
  };
}

/** `, server_default=...` just before the closing parenthesis of the column's call. */
function serverDefaultEdit(text: string, location: SourceLocation, pythonValue: string): FileEdit | null {
  const at = positions(text);
  const start = at.offsetAt(location.range.start);
  const source = text.slice(start, at.offsetAt(location.range.end)).replace(/\s+$/, '');
  if (!source.endsWith(')')) return null;
  const close = start + source.length - 1;
  const before = text.slice(start, close).replace(/\s+$/, '');
  const separator = before.endsWith('(') ? '' : before.endsWith(',') ? ' ' : ', ';
  const insertAt = at.positionAt(start + before.length);
  return { file: location.file, range: { start: insertAt, end: insertAt }, newText: `${separator}server_default=${pythonValue}` };
}

/** The comment on a line of its own above `line`, indented like it. */
function ignoreEdit(text: string, file: string, line: number, comment: string): FileEdit {
  const indent = /^[ \t]*/.exec(text.split('\n')[line] ?? '')?.[0] ?? '';
  const hashed = comment.trim().startsWith('#') ? comment.trim() : `# ${comment.trim()}`;
  return { file, range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${hashed}\n` };
}

/** The text edit a fix makes, or null when the fix is no text edit (or its place cannot be read). */
export function fixTextEdit(fix: FindingFix, sources: FixEditSources): FileEdit | null {
  if (fix.kind === 'ignore') {
    const text = sources.text(fix.file);
    return text === null ? null : ignoreEdit(text, fix.file, fix.line, fix.comment);
  }
  if (fix.kind === 'serverDefault') {
    const location = sources.columnLocation(fix.table, fix.column);
    const text = location ? sources.text(location.file) : null;
    return location && text !== null ? serverDefaultEdit(text, location, fix.pythonValue) : null;
  }
  return null;
}
