// Pure: what the notification says after an upgrade or downgrade — "Upgraded 2 revisions", which ones,
// where the database is now and what was backed up — instead of the executor's generic one-liner.
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../../server/src/core/locale';
import type { ExecutionResult } from '../../../server/src/db/executor';
import { shortRevision } from './revisionTree';
import { outcomeSentence } from './runOutcome';

const revisions = (n: number): string => (n === 1 ? l10n.t('1 revision') : l10n.t('{0} revisions', formatNumber(n)));

function heads(ids: string[]): string {
  return ids.length === 0 ? l10n.t('base (no revision applied)') : ids.map(shortRevision).join(' + ');
}

function stepName(step: { revision: string; message: string | null }): string {
  return step.message ? `${shortRevision(step.revision)} "${step.message}"` : shortRevision(step.revision);
}

// Whole sentences with placeholders (for localization): {count} revisions, {list} of them, {heads} after.
const TEXT = {
  upgraded: (count: string, list: string, heads: string) => l10n.t('Upgraded {0} ({1}). The database is now at {2}.', count, list, heads),
  downgraded: (count: string, list: string, heads: string) => l10n.t('Downgraded {0} (undid {1}). The database is now at {2}.', count, list, heads),
  wouldUpgrade: (count: string, list: string, heads: string) =>
    l10n.t('Dry run: would upgrade {0} ({1}). Rolled back: the database stays at {2}.', count, list, heads),
  wouldDowngrade: (count: string, list: string, heads: string) =>
    l10n.t('Dry run: would downgrade {0} (undo {1}). Rolled back: the database stays at {2}.', count, list, heads),
  backedUp: (what: string) => ` ${l10n.t('Backed up first: {0}.', what)}`,
  andMore: (list: string, more: string) => l10n.t('{0} and {1} more', list, more),
  table: (name: string) => l10n.t('table {0}', name),
};

/** The sentence for a run, in the user's language (never the CLI's English `summary`). */
export function movementSummary(result: ExecutionResult): string {
  if (result.status !== 'applied' && result.status !== 'dry-run') return outcomeSentence(result);
  const steps = result.steps;
  // The project's own Alembic ran it: no step reports, only where the database ended.
  if (steps.length === 0) return outcomeSentence(result);
  const down = steps.every((s) => s.direction === 'down');
  const shown = steps.slice(0, 3).map(stepName).join(', ');
  const list = steps.length > 3 ? TEXT.andMore(shown, formatNumber(steps.length - 3)) : shown;
  const count = revisions(steps.length);
  if (result.status === 'dry-run') return (down ? TEXT.wouldDowngrade : TEXT.wouldUpgrade)(count, list, heads(result.headsBefore));
  const backups = steps.flatMap((s) => s.backups);
  const backedUp = backups.length
    ? TEXT.backedUp(backups.map((b) => (b.columns ? `${b.table}(${b.columns.join(', ')})` : TEXT.table(b.table))).join(', '))
    : '';
  return (down ? TEXT.downgraded : TEXT.upgraded)(count, list, heads(result.headsAfter)) + backedUp;
}
