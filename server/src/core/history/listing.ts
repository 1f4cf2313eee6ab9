// Plain-data views of a history for `history` and `heads` (CLI and editor views format them).
import path from 'node:path';
import type { History } from './load';

export interface RevisionEntry {
  revision: string;
  downRevisions: string[];
  branchLabels: string[];
  dependsOn: string[];
  message: string | null;
  createDate: string | null;
  /** Path relative to the project directory. */
  file: string;
  line: number;
  isHead: boolean;
  isBase: boolean;
  isMergePoint: boolean;
  isBranchPoint: boolean;
}

function entry(history: History, projectDir: string, id: string): RevisionEntry | null {
  const revision = history.graph.revisions.get(id);
  if (!revision) return null;
  const graph = history.graph;
  return {
    revision: id,
    downRevisions: [...revision.downRevisions],
    branchLabels: [...revision.branchLabels],
    dependsOn: [...revision.dependsOn],
    message: revision.message,
    createDate: revision.createDate,
    file: path.relative(projectDir, revision.path) || revision.path,
    line: revision.location.range.start.line,
    isHead: graph.children(id).length === 0,
    isBase: graph.parents(id).length === 0,
    isMergePoint: graph.parents(id).length > 1,
    isBranchPoint: graph.children(id).length > 1,
  };
}

/** Every revision, newest first (as `alembic history` lists them). */
export function historyEntries(history: History, projectDir: string): RevisionEntry[] {
  return [...history.graph.ordered].reverse().flatMap((id) => entry(history, projectDir, id) ?? []);
}

/** The heads, in graph order (as `alembic heads`). */
export function headEntries(history: History, projectDir: string): RevisionEntry[] {
  return history.graph.heads.flatMap((id) => entry(history, projectDir, id) ?? []);
}

/** Alembic's one-line form: "a1, b2 -> c3 (head) (mergepoint), message". */
export function formatEntry(e: RevisionEntry): string {
  const down = e.downRevisions.length === 0 ? '<base>' : e.downRevisions.length === 1 ? e.downRevisions[0] : `(${e.downRevisions.join(', ')})`;
  const labels = e.branchLabels.length > 0 ? ` (${e.branchLabels.join(', ')})` : '';
  const flags = `${e.isHead ? ' (head)' : ''}${e.isBranchPoint ? ' (branchpoint)' : ''}${e.isMergePoint ? ' (mergepoint)' : ''}`;
  return `${down} -> ${e.revision}${labels}${flags}, ${e.message ?? ''}`;
}
