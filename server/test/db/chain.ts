// A linear revision chain for executor tests that do not need a parsed history.
import type { VersionGraph } from '../../src/db/alembicVersion';
import type { PlannedStep, Planner } from '../../src/db/executor';

export interface ChainRevision {
  revision: string;
  up: string[];
  down: string[];
}

export function chainGraph(revisions: readonly ChainRevision[]): VersionGraph {
  const index = new Map(revisions.map((r, i) => [r.revision, i]));
  return {
    parents: (rev) => {
      const i = index.get(rev) ?? 0;
      return i === 0 ? [] : [revisions[i - 1]!.revision];
    },
    isAncestor: (a, d) => (index.get(a) ?? Infinity) < (index.get(d) ?? -Infinity),
  };
}

/** Plans the path from the database's single head to `target` ("base" or a revision) along the chain. */
export function chainPlanner(revisions: readonly ChainRevision[], target: string, extra: Partial<PlannedStep> = {}): Planner {
  const position = (rev: string | undefined) => (rev === undefined || rev === 'base' ? -1 : revisions.findIndex((r) => r.revision === rev));
  return (heads) => {
    const from = position(heads[0]);
    const to = position(target);
    const steps: PlannedStep[] = [];
    if (to > from) {
      for (let i = from + 1; i <= to; i++) {
        const r = revisions[i]!;
        steps.push({ revision: r.revision, direction: 'up', statements: r.up.map((sql) => ({ sql })), backups: [], ...extra });
      }
    } else {
      for (let i = from; i > to; i--) {
        const r = revisions[i]!;
        steps.push({ revision: r.revision, direction: 'down', statements: r.down.map((sql) => ({ sql })), backups: [], ...extra });
      }
    }
    return { ok: true, steps };
  };
}
