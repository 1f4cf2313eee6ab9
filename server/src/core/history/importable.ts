// Whether Alembic could load the history at all. Alembic imports every revision file before it runs
// any command, so a file Python refuses (a syntax error, a NUL byte) or whose identifiers the engine
// could not read stops `flask db upgrade` outright; ours must refuse too, before touching a database,
// rather than apply what it happened to read and record a revision that never ran.
import * as l10n from '@vscode/l10n';
import type { ParsedRevision } from './types';
import type { Note } from '../source';

/** File-level note kinds that mean Alembic cannot load the file (every one is an error). */
const UNLOADABLE_KINDS = new Set(['parse-error', 'missing-revision-id', 'unresolved-revision-id', 'invalid-revision-id', 'missing-down-revision']);

/** The note text for a file Python would not import: Python's own error, at the line Python names. */
export function importErrorMessage(pythonError: string, line: number): string {
  return l10n.t(
    'Python cannot import this revision file ({0}, line {1}); Alembic refuses every command until it is fixed, and so does Migration Guard',
    pythonError,
    line + 1,
  );
}

/** The notes that make the history unloadable, each located on its revision file. */
export function unloadableRevisionNotes(revisions: readonly ParsedRevision[]): Note[] {
  return revisions.flatMap((revision) =>
    revision.notes
      .filter((note) => note.severity === 'error' && UNLOADABLE_KINDS.has(note.kind))
      .map((note) => (note.location ? note : { ...note, location: revision.location })),
  );
}

/** "versions/abc.py:3: Python cannot import…" lines for a refusal message (1-based lines, as editors and Python show them). */
export function describeUnloadable(notes: readonly Note[], relative: (file: string) => string = (f) => f): string {
  return notes.map((n) => `  ${n.location ? `${relative(n.location.file)}:${n.location.range.start.line + 1}: ` : ''}${n.message}`).join('\n');
}
