// Positions from the client are checked before they reach the engine. A change notification cannot
// be answered with an error, so its positions are clamped into the document (null, negative or
// fractional values, lines past the end), and the buffer and the engine apply the same clamped edit.
// A request with a position that is not a pair of non-negative integers gets an InvalidParams error.
import { ErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver';

const MESSAGES = {
  badPosition: (what: string, value: unknown) => `${what} must be {line, character} with non-negative integers; got ${JSON.stringify(value)}`,
};

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isValidPosition(value: unknown): value is Position {
  if (value === null || typeof value !== 'object') return false;
  const { line, character } = value as Record<string, unknown>;
  return isIndex(line) && isIndex(character);
}

export function isValidRange(value: unknown): value is Range {
  if (value === null || typeof value !== 'object') return false;
  const { start, end } = value as Record<string, unknown>;
  return isValidPosition(start) && isValidPosition(end);
}

function toIndex(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** A position made safe to resolve: integers, never negative (TextDocument clamps the upper side). */
export function clampPosition(value: unknown): Position {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { line: toIndex(record.line), character: toIndex(record.character) };
}

/** A range made safe to resolve, start before end. */
export function clampRange(value: unknown): Range {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const start = clampPosition(record.start);
  const end = clampPosition(record.end);
  const reversed = end.line < start.line || (end.line === start.line && end.character < start.character);
  return reversed ? { start: end, end: start } : { start, end };
}

/** For requests: the position, or an InvalidParams error reply. */
export function requirePosition(value: unknown, what = 'position'): Position {
  if (!isValidPosition(value)) throw new ResponseError(ErrorCodes.InvalidParams, MESSAGES.badPosition(what, value));
  return value;
}

export function requireRange(value: unknown, what = 'range'): Range {
  if (!isValidRange(value)) throw new ResponseError(ErrorCodes.InvalidParams, MESSAGES.badPosition(what, value));
  return value;
}
