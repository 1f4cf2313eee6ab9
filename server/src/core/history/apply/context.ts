// What applying one op needs besides the schema: where to report, and where the op came from.
import type { Note, SourceLocation } from '../../source';

export interface ApplyContext {
  notes: Note[];
  location?: SourceLocation;
  /** IF [NOT] EXISTS / checkfirst: a conflict means "nothing to do", not an error. */
  lenient?: boolean;
}

/** An op that real Alembic/PostgreSQL would reject at this point; the replay skips it and says so. */
export function conflict(context: ApplyContext, message: string): void {
  if (context.lenient) return;
  context.notes.push({ severity: 'error', kind: 'replay-conflict', message, ...(context.location ? { location: context.location } : {}) });
}
