// Alembic's revision identifiers: head, heads, base, full and partial ids, branch labels,
// label@head, rev@head, label@rev, and relative steps (+2, -1, head-1, label@+1, ae10+2).
import type { RevisionGraph } from './graph';
import { reasonText, type Reason } from '../reasons';

export type Resolution = { ok: true; revisions: string[] } | { ok: false; error: string; reason: Reason };

const RELATIVE = /^(?:(.+?)@)?(\w+)?([+-]\d+)$/;

const fail = (reason: Reason): Resolution => ({ ok: false, error: reasonText(reason), reason });
const found = (revisions: string[]): Resolution => ({ ok: true, revisions });

/** A revision id, a unique prefix of one (more than three characters), or a branch label. */
function identifier(graph: RevisionGraph, text: string, branch: string | null): Resolution {
  if (graph.has(text)) return found([text]);
  const labelled = graph.labels.get(text);
  if (labelled !== undefined) return found([labelled]);
  let candidates = graph.ordered.filter((id) => id.length > 3 && id.startsWith(text));
  if (branch !== null) {
    const anchor = graph.labels.get(branch) ?? branch;
    candidates = candidates.filter((id) => graph.sharesLineage(id, anchor));
  }
  if (candidates.length === 0) return fail({ kind: 'no-such-revision', spec: text });
  if (candidates.length > 1) return fail({ kind: 'ambiguous-prefix', spec: text, candidates: candidates.slice(0, 3) });
  return found(candidates);
}

/** The branch anchor of "label@…": a label, or a revision id standing for its branch. */
function branchAnchor(graph: RevisionGraph, branch: string): Resolution {
  const labelled = graph.labels.get(branch);
  if (labelled !== undefined) return found([labelled]);
  const asRevision = identifier(graph, branch, null);
  return asRevision.ok ? asRevision : fail({ kind: 'no-such-branch', branch });
}

function heads(graph: RevisionGraph, branch: string | null, single: boolean): Resolution {
  let result = branch === null ? (single ? graph.heads : graph.realHeads) : [];
  if (branch !== null) {
    const anchor = branchAnchor(graph, branch);
    if (!anchor.ok) return anchor;
    result = graph.heads.filter((h) => graph.sharesLineage(h, anchor.revisions[0] as string));
  }
  if (single && result.length > 1) {
    const where = branch === null ? 'head' : `${branch}@head`;
    return fail({ kind: 'several-heads', heads: result, spec: where });
  }
  return found(result);
}

/** One step up (+) or down (-) from `from` (empty = base). Null when there is nowhere to go; an error when ambiguous. */
function step(graph: RevisionGraph, from: string[], up: boolean, branch: string | null): string[] | null | Reason {
  let next: string[];
  if (up) {
    next = from.length === 0 ? graph.bases : graph.children(from[0] as string);
    if (branch !== null) {
      const anchor = graph.labels.get(branch) ?? branch;
      next = next.filter((id) => graph.sharesLineage(id, anchor));
    }
  } else {
    if (from.length === 0) return null;
    next = graph.parents(from[0] as string);
    if (next.length === 0) return [];
  }
  if (next.length === 0) return null;
  if (next.length > 1) return { kind: 'ambiguous-walk', from: from[0] ?? null, next };
  return next;
}

function walk(graph: RevisionGraph, start: string[], steps: number, branch: string | null, spec: string): Resolution {
  if (start.length > 1) return fail({ kind: 'ambiguous-start', spec, starts: start });
  let at = start;
  for (let i = 0; i < Math.abs(steps); i++) {
    const next = step(graph, at, steps > 0, branch);
    if (next !== null && !Array.isArray(next)) return fail(next);
    if (next === null) return fail({ kind: 'past-end', spec, end: steps > 0 ? 'head' : 'base', available: i });
    at = next;
  }
  return found(at);
}

/**
 * Resolves a revision spec to revision ids; an empty list means "base".
 * `current` is where relative specs without a symbol start from (the database's revisions).
 * Without it, "-N" counts down from the head and "+N" up from base.
 */
export function resolveRevision(graph: RevisionGraph, spec: string, current?: string[]): Resolution {
  const text = spec.trim();
  if (text === '' || text === 'base') return found([]);
  const relative = RELATIVE.exec(text);
  if (relative) {
    const branch = relative[1] ?? null;
    const symbol = relative[2];
    const steps = Number(relative[3]);
    let start: Resolution;
    if (symbol !== undefined) start = resolveRevision(graph, branch !== null && symbol !== 'base' ? `${branch}@${symbol}` : symbol);
    else if (current !== undefined)
      start = found(branch === null ? current : current.filter((id) => graph.sharesLineage(id, graph.labels.get(branch) ?? branch)));
    else start = steps < 0 ? heads(graph, branch, true) : found([]);
    if (!start.ok) return start;
    return walk(graph, start.revisions, steps, branch, text);
  }
  const at = text.indexOf('@');
  const branch = at === -1 ? null : text.slice(0, at);
  const symbol = at === -1 ? text : text.slice(at + 1);
  if (symbol === 'heads') return heads(graph, branch, false);
  if (symbol === 'head') return heads(graph, branch, true);
  if (symbol === 'base') return found([]);
  const resolved = identifier(graph, symbol, branch);
  if (!resolved.ok || branch === null) return resolved;
  const anchor = branchAnchor(graph, branch);
  if (!anchor.ok) return anchor;
  const id = resolved.revisions[0] as string;
  return graph.sharesLineage(id, anchor.revisions[0] as string) ? resolved : fail({ kind: 'not-on-branch', revision: id, branch });
}
