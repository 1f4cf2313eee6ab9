// Pure: maps the server's RevisionGraphResult (protocol.ts) onto the tree builder's input.
import type { RevisionGraphResult } from '../../../server/src/protocol';
import type { GraphSnapshot } from './revisionTree';

export function snapshotFromGraph(graph: RevisionGraphResult, current: string[] | null): GraphSnapshot {
  return {
    revisions: graph.revisions.map((r) => ({
      id: r.id,
      parents: r.downRevisions,
      message: r.message ?? '',
      file: r.uri,
      ...(r.branchLabels.length ? { branchLabels: r.branchLabels } : {}),
    })),
    // The client's reading (the CLI's `current`, taken after every move and on every change of the URL) is
    // the truth: null means the database is not known now (not configured, cannot connect), so every state
    // is unknown rather than the server's possibly older reading of another database.
    current,
  };
}
