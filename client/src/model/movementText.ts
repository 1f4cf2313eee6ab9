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

/** The sentence for a finished move; falls back to the executor's summary when it ran nothing itself. */
export function movementSummary(result: ExecutionResult): string {
  if (result.status !== 'applied' && result.status !== 'dry-run') return result.summary;
  const steps = result.steps;
  // The project's own Alembic ran it: no step reports, only where the database ended.
  if (steps.length === 0) return result.summary;
  const down = steps.every((s) => s.direction === 'down');
  const verb = result.status === 'dry-run' ? (down ? 'Dry run: would downgrade' : 'Dry run: would upgrade') : down ? 'Downgraded' : 'Upgraded';
  const listed = steps.slice(0, 3).map(stepName).join(', ') + (steps.length > 3 ? ` and ${nf.format(steps.length - 3)} more` : '');
  const what = down ? `undid ${listed}` : listed;
  const backups = steps.flatMap((s) => s.backups);
  const backedUp = backups.length
    ? ` Backed up first: ${backups.map((b) => (b.columns ? `${b.table}(${b.columns.join(', ')})` : `table ${b.table}`)).join(', ')}.`
    : '';
  const where = result.status === 'dry-run'
    ? `Rolled back: the database stays at ${heads(result.headsBefore)}.`
    : `The database is now at ${heads(result.headsAfter)}.`;
  return `${verb} ${plural(steps.length, 'revision')} (${what}). ${where}${result.status === 'dry-run' ? '' : backedUp}`;
}
