// The steps Alembic runs between revisions. Upgrade: everything the target needs (ancestors and
// dependencies) that the current revisions don't already have, parents first. Downgrade: everything
// above the target's children that is currently applied, children first.
import type { RevisionGraph } from './graph';
import { resolveRevision } from './resolve';
import type { RevisionStep } from './types';
import { reasonText, type Reason } from '../reasons';

export type PathResult = { ok: true; steps: RevisionStep[] } | { ok: false; error: string; reason: Reason };

const failed = (reason: Reason): PathResult => ({ ok: false, error: reasonText(reason), reason });

export function upgradeSteps(graph: RevisionGraph, current: string[], targets: string[]): RevisionStep[] {
  const have = graph.ancestors(current);
  const need = [...graph.ancestors(targets)].filter((id) => !have.has(id));
  return need.sort((a, b) => graph.rank(a) - graph.rank(b)).map((revision) => ({ revision, direction: 'up' as const }));
}

/** `target` empty = base. `branch` limits which children of the target are rolled back (label@rev). */
export function downgradeSteps(graph: RevisionGraph, current: string[], target: string[], branch: string | null = null): PathResult {
  let roots: string[];
  if (target.length === 0) roots = graph.bases;
  else roots = target.flatMap((id) => graph.children(id));
  if (branch !== null && roots.length > 1) {
    const anchor = graph.labels.get(branch) ?? branch;
    const onBranch = graph.ancestors([anchor], false);
    roots = roots.filter((id) => onBranch.has(id));
    if (roots.length === 0) return failed({ kind: 'invalid-downgrade-target', branch });
  }
  const active = graph.ancestors(current);
  const drop = [...graph.descendants(roots)].filter((id) => active.has(id));
  if (target.length > 0 && drop.length === 0 && !target.every((t) => current.includes(t)) && !target.every((t) => active.has(t))) {
    return failed({ kind: 'not-below-current', target, current });
  }
  const steps = drop.sort((a, b) => graph.rank(b) - graph.rank(a)).map((revision) => ({ revision, direction: 'down' as const }));
  return { ok: true, steps };
}

/**
 * The ordered steps from the `from` revisions to the `to` spec: an upgrade when `to` lies above
 * (or beside) `from`, a downgrade when it lies below. Specs are resolved as in resolveRevision,
 * relative ones against `from`.
 */
export function pathBetween(graph: RevisionGraph, from: string[], toSpec: string): PathResult {
  const resolved = resolveRevision(graph, toSpec, from);
  if (!resolved.ok) return resolved;
  const target = resolved.revisions;
  const fromSet = graph.ancestors(from);
  const targetAncestors = graph.ancestors(target);
  const isDowngrade = target.length === 0 ? from.length > 0 : target.every((t) => fromSet.has(t)) && !from.every((f) => targetAncestors.has(f));
  if (!isDowngrade) return { ok: true, steps: upgradeSteps(graph, from, target) };
  const at = toSpec.indexOf('@');
  const branch = at > 0 && !/^[+-]\d+$/.test(toSpec.slice(at + 1)) ? toSpec.slice(0, at) : null;
  return downgradeSteps(graph, from, target, branch);
}
