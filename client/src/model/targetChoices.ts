// Pure: the quick pick of Upgrade to… / Downgrade to…: the revisions a move can go to, each with its state
// (pending, applied, current, head), newest first. Upgrade lists what is not applied yet; downgrade what
// is applied below the current revision, plus base.
import * as l10n from '@vscode/l10n';
import type { RevisionGraphResult } from '../../../server/src/protocol';
import { revisionRange } from './cliArgs';
import type { Direction } from './confirmation';
import { buildRevisionNodes, shortRevision, unappliedRevisions, type GraphSnapshot } from './revisionTree';

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
  get unknown() {
    return l10n.t('state unknown (no database read)');
  },
  get base() {
    return l10n.t('Base');
  },
  get baseDetail() {
    return l10n.t('Undo every revision: the database keeps only alembic_version, empty.');
  },
  get nothingUp() {
    return l10n.t('Nothing to upgrade: every revision is applied.');
  },
  get nothingDown() {
    return l10n.t('Nothing to downgrade: no revision is applied.');
  },
  get noHistory() {
    return l10n.t('The project has no revisions.');
  },
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

export interface SqlRangeChoice {
  label: string;
  description: string;
  from: string | null;
  to: string;
}

/** Show SQL's ranges: the pending revisions (only when some are), the whole history, then each revision. */
export function sqlRangeChoices(graph: Pick<RevisionGraphResult, 'heads' | 'revisions'> | null, current: string[] | null): SqlRangeChoice[] {
  const head = (graph?.heads.length ?? 0) > 1 ? 'heads' : 'head';
  const choices: SqlRangeChoice[] = [];
  const pending = current && graph ? unappliedRevisions(graph.revisions, current) : 0;
  if (current && current.length === 1 && pending > 0) {
    const range = `${shortRevision(current[0] as string)} → ${head}`;
    const description = pending === 1 ? l10n.t('1 revision: {0}', range) : l10n.t('{0} revisions: {1}', pending, range);
    choices.push({ label: l10n.t('Pending revisions'), description, from: current[0] as string, to: head });
  }
  choices.push({ label: l10n.t('Whole history'), description: `base → ${head}`, from: null, to: head });

  for (const r of [...(graph?.revisions ?? [])].reverse()) {
    const range = revisionRange(r.id, r.downRevisions);
    choices.push({ label: r.id, description: r.message ?? '', from: range.from, to: range.to });
  }
  return choices;
}
