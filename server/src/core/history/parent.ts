// Where `upgrade` goes by default and where a new revision is attached, as the project's own tool
// does it. Flask-Migrate: "head" (one head, else refuse). Flask-Alembic keeps independent branches
// (a core history and plugin histories, each its own root): it upgrades to "heads", and its
// `revision` writes onto the "default" branch — or starts that branch as a new root labelled
// "default" when no revision carries the label yet (flask_alembic.Alembic.revision).
import type { RevisionGraph } from './graph';
import { resolveRevision } from './resolve';
import type { VersionDirs } from './types';

/** The branch Flask-Alembic's `revision` writes onto unless told otherwise. */
export const FLASK_ALEMBIC_BRANCH = 'default';

/** The spec an upgrade without a target goes to. */
export function defaultUpgradeTarget(dirs: Pick<VersionDirs, 'flaskAlembic'>): 'head' | 'heads' {
  return dirs.flaskAlembic ? 'heads' : 'head';
}

/** The down_revision (and branch_labels) of the next revision. */
export interface RevisionParent {
  downRevision: string | null;
  branchLabels: string[] | null;
}

/** Where the next revision goes; null when that is ambiguous (several heads where one is needed). */
export function newRevisionParent(graph: RevisionGraph, dirs: Pick<VersionDirs, 'flaskAlembic'>): RevisionParent | null {
  if (dirs.flaskAlembic) {
    if (!graph.labels.has(FLASK_ALEMBIC_BRANCH)) return { downRevision: null, branchLabels: [FLASK_ALEMBIC_BRANCH] };
    const head = resolveRevision(graph, `${FLASK_ALEMBIC_BRANCH}@head`);
    return head.ok && head.revisions.length === 1 ? { downRevision: head.revisions[0] as string, branchLabels: null } : null;
  }
  if (graph.heads.length > 1) return null;
  return { downRevision: graph.heads[0] ?? null, branchLabels: null };
}
