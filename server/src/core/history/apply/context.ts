// What applying one op needs besides the schema: where to report, and where the op came from.
import type { Dialect } from '../../project/database';
import type { Note, SourceLocation } from '../../source';

export interface ApplyContext {
  notes: Note[];
  location?: SourceLocation;
  /** IF [NOT] EXISTS / checkfirst: a conflict means "nothing to do", not an error. */
  lenient?: boolean;
  /**
   * The database the history runs on, when the replay models what it refuses (the guarded replay of
   * the analysis). Not given (the database verbs' plain replay, where the real database decides): the
   * refusal checks are off.
   */
  dialect?: Dialect;
}

/** An op that real Alembic/PostgreSQL would reject at this point; the replay skips it and says so. */
export function conflict(context: ApplyContext, message: string): void {
  if (context.lenient) return;
  context.notes.push({ severity: 'error', kind: 'replay-conflict', message, ...(context.location ? { location: context.location } : {}) });
}

/** Whether the checks of what PostgreSQL always refuses apply (SQLite accepts these steps: batch mode copies the table). */
export function refusesLikePostgres(context: ApplyContext): boolean {
  return context.dialect === 'postgresql';
}

/**
 * A step PostgreSQL refuses whatever the data (no cast between the types, a type that does not exist,
 * a table other tables still reference). The op is not applied; the guarded replay also rolls back the
 * rest of its revision, as PostgreSQL's transaction does.
 */
export function rejected(context: ApplyContext, message: string): void {
  context.notes.push({ severity: 'error', kind: 'pg-rejected', message, ...(context.location ? { location: context.location } : {}) });
}
