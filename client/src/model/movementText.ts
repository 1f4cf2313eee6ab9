// Pure: what the notification says after an upgrade or downgrade — "Upgraded 2 revisions", which ones,
// where the database is now and what was backed up — instead of the executor's generic one-liner.
import type { ExecutionResult } from '../../../server/src/db/executor';
import { shortRevision } from './revisionTree';

const nf = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${nf.format(n)} ${n === 1 ? one : many}`;

function heads(ids: string[]): string {
  return ids.length === 0 ? 'base (no revision applied)' : ids.map(shortRevision).join(' + ');
}

function stepName(step: { revision: string; message: string | null }): string {
  return step.message ? `${shortRevision(step.revision)} "${step.message}"` : shortRevision(step.revision);
}

// Whole sentences with placeholders (for localization): {count} revisions, {list} of them, {heads} after.
const TEXT = {
  upgraded: (count: string, list: string, heads: string) => `Upgraded ${count} (${list}). The database is now at ${heads}.`,
  downgraded: (count: string, list: string, heads: string) => `Downgraded ${count} (undid ${list}). The database is now at ${heads}.`,
  wouldUpgrade: (count: string, list: string, heads: string) => `Dry run: would upgrade ${count} (${list}). Rolled back: the database stays at ${heads}.`,
  wouldDowngrade: (count: string, list: string, heads: string) => `Dry run: would downgrade ${count} (undo ${list}). Rolled back: the database stays at ${heads}.`,
  backedUp: (what: string) => ` Backed up first: ${what}.`,
  andMore: (list: string, more: string) => `${list} and ${more} more`,
};

/** The sentence for a finished move; falls back to the executor's summary when it ran nothing itself. */
export function movementSummary(result: ExecutionResult): string {
  if (result.status !== 'applied' && result.status !== 'dry-run') return result.summary;
  const steps = result.steps;
  // The project's own Alembic ran it: no step reports, only where the database ended.
  if (steps.length === 0) return result.summary;
  const down = steps.every((s) => s.direction === 'down');
  const shown = steps.slice(0, 3).map(stepName).join(', ');
  const list = steps.length > 3 ? TEXT.andMore(shown, nf.format(steps.length - 3)) : shown;
  const count = plural(steps.length, 'revision');
  if (result.status === 'dry-run') return (down ? TEXT.wouldDowngrade : TEXT.wouldUpgrade)(count, list, heads(result.headsBefore));
  const backups = steps.flatMap((s) => s.backups);
  const backedUp = backups.length ? TEXT.backedUp(backups.map((b) => (b.columns ? `${b.table}(${b.columns.join(', ')})` : `table ${b.table}`)).join(', ')) : '';
  return (down ? TEXT.downgraded : TEXT.upgraded)(count, list, heads(result.headsAfter)) + backedUp;
}
