// Pure: the quick pick of Upgrade to… / Downgrade to…: the revisions a move can go to, each with its state
// (pending, applied, current, head), newest first. Upgrade lists what is not applied yet; downgrade what
// is applied below the current revision, plus base.
import type { Direction } from './confirmation';
import { buildRevisionNodes, shortRevision, type GraphSnapshot } from './revisionTree';

export interface TargetChoice {
  label: string;
  description: string;
  detail?: string;
  /** What the CLI gets: a revision id, "head", "heads" or "base". */
  target: string;
}

export interface TargetChoices {
  choices: TargetChoice[];
  /** Why there is nothing to pick, when `choices` is empty. */
  empty?: string;
}

const TEXT = {
  unknown: 'state unknown (no database read)',
  base: 'Base',
  baseDetail: 'Undo every revision: the database keeps only alembic_version, empty.',
  nothingUp: 'Nothing to upgrade: every revision is applied.',
  nothingDown: 'Nothing to downgrade: no revision is applied.',
  noHistory: 'The project has no revisions.',
};

export function targetChoices(direction: Direction, snapshot: GraphSnapshot): TargetChoices {
  if (snapshot.revisions.length === 0) return { choices: [], empty: TEXT.noHistory };
  const nodes = buildRevisionNodes(snapshot);
  const known = snapshot.current !== null;
  const choice = (n: (typeof nodes)[number]): TargetChoice => ({
    label: n.label,
    description: known ? n.description : `${shortRevision(n.id.replace(/^revision:/, ''))} · ${TEXT.unknown}`,
    target: n.id.replace(/^revision:/, ''),
  });
  if (direction === 'upgrade') {
    const candidates = known ? nodes.filter((n) => n.state === 'pending') : nodes;
    if (candidates.length === 0) return { choices: [], empty: TEXT.nothingUp };
    return { choices: candidates.map(choice) };
  }
  // Downgrade to the current revision would do nothing: only what lies below it, then base.
  const candidates = known ? nodes.filter((n) => n.state === 'applied') : nodes;
  if (known && snapshot.current?.length === 0) return { choices: [], empty: TEXT.nothingDown };
  return { choices: [...candidates.map(choice), { label: TEXT.base, description: 'base', detail: TEXT.baseDetail, target: 'base' }] };
}
