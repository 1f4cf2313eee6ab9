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
