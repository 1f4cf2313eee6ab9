// Source positions shared by the whole engine. Lines and characters count from zero, as in LSP.
import type { NoteKind } from './noteKinds';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * A Range held as four numbers: one object where a literal range is three. The quick readers
 * (python/quickExpr.ts) give one to every expression node, ~320,000 for a 50,000-line models file,
 * and while the first read builds them each object costs garbage-collection time. It reads as a
 * Range (each `start`/`end` is a new Position), and `toJSON` writes the literal shape, so caches and
 * the LSP wire see no difference. Ranges are never mutated in place, which is what makes this safe.
 */
export class CompactRange implements Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}

  get start(): Position {
    return { line: this.startLine, character: this.startCharacter };
  }

  get end(): Position {
    return { line: this.endLine, character: this.endCharacter };
  }

  /** The same range with every line passed through `mapLine` (facts moved to another line). */
  withLines(mapLine: (line: number) => number): CompactRange {
    return new CompactRange(mapLine(this.startLine), this.startCharacter, mapLine(this.endLine), this.endCharacter);
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

/** A place in a project file. `file` is the path the caller gave the engine (usually absolute). */
export interface SourceLocation {
  file: string;
  range: Range;
}

export type NoteSeverity = 'error' | 'warning' | 'info' | 'hint';

/**
 * Something the engine could not resolve statically, or chose not to guess.
 * Notes are data: the engine never throws on user input, it reports a note and carries on.
 */
export interface Note {
  severity: NoteSeverity;
  /** Short machine-readable kind, from the registry in noteKinds.ts (each has docs/rules/<kind>.md). */
  kind: NoteKind;
  message: string;
  location?: SourceLocation;
}
