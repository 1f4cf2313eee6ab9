// The revision graph as lists the client shows: revisions in upgrade order with their parents.
import type { RevisionGraph } from '../history/graph';
import type { ParsedRevision } from '../history/types';

export type Graph = RevisionGraph;

export interface OrderedRevision {
  id: string;
  parsed: ParsedRevision;
  /** Parents that exist in the graph (a missing down_revision is a graph note instead). */
  downRevisions: string[];
}

/** Base first, heads last (parents and dependencies before children). */
export function revisionOrder(graph: RevisionGraph): OrderedRevision[] {
  return graph.ordered.flatMap((id) => {
    const parsed = graph.revisions.get(id);
    return parsed ? [{ id, parsed, downRevisions: graph.parents(id) }] : [];
  });
}
