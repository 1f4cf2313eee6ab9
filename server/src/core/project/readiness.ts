// Which history notes stop a comparison. Never blind: a step the replay could not apply is an error
// at its line, but the replay carried on past it (its tables are uncertain), so it blocks nothing.
import type { Note } from '../source';

/** Notes of kinds that are errors at their line without making the whole history unusable. */
const NON_BLOCKING_KINDS = new Set(['replay-conflict']);

export function blockingHistoryNotes(notes: readonly Note[]): Note[] {
  return notes.filter((n) => n.severity === 'error' && !NON_BLOCKING_KINDS.has(n.kind));
}
