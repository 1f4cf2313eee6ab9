// The schema a database has after `alembic upgrade <spec>` from an empty database, replayed from
// the revision files alone.
import * as l10n from '@vscode/l10n';
import type { Note } from '../source';
import type { MigrationOp } from '../schema/ops';
import { emptySchema, type Schema } from '../schema/types';
import { duringReplay } from './apply/tableList';
import { applyOpInPlace } from './apply/apply';
import { replayStepsGuarded, type ReplayGuard } from './guardedReplay';
import type { History } from './load';
import { upgradeSteps } from './path';
import { resolveRevision } from './resolve';
import type { RevisionStep } from './types';

/** The ops one step runs: the revision's upgrade() going up, its downgrade() going down. */
export function stepOps(history: History, step: RevisionStep): MigrationOp[] {
  const revision = history.graph.revisions.get(step.revision);
  if (!revision) return [];
  return step.direction === 'up' ? revision.upgrade.ops : revision.downgrade.ops;
}

/** Applies steps to a schema in place, collecting body notes and conflicts. */
export function replaySteps(history: History, schema: Schema, steps: readonly RevisionStep[], notes: Note[]): void {
  duringReplay(schema, () => {
    for (const step of steps) {
      const revision = history.graph.revisions.get(step.revision);
      if (!revision) continue;
      const body = step.direction === 'up' ? revision.upgrade : revision.downgrade;
      notes.push(...body.notes);
      for (const op of body.ops) applyOpInPlace(schema, op, notes);
    }
  });
}

/**
 * The schema at `spec` ("head", "heads", a revision id or prefix, "label@head", "-1"…).
 * "head" with several heads gives an error note (suggesting a merge) and the schema of all heads.
 * An unknown spec gives an error note and the empty schema.
 * With a guard, steps that cannot be applied mark their tables uncertain, and tables used before
 * any revision creates them are baselined from the guard's models (see guardedReplay.ts).
 */
export function schemaAtRevision(history: History, spec: string, guard?: ReplayGuard): { schema: Schema; notes: Note[]; revisions: string[] } {
  const notes: Note[] = [];
  let resolved = resolveRevision(history.graph, spec);
  if (!resolved.ok && (spec === 'head' || spec.endsWith('@head')) && history.graph.heads.length > 1) {
    notes.push({ severity: 'error', kind: 'multiple-heads', message: l10n.t('{0}; showing the schema with every head applied', resolved.error) });
    resolved = resolveRevision(history.graph, spec.replace(/head$/, 'heads'));
  }
  if (!resolved.ok) {
    notes.push({ severity: 'error', kind: 'unknown-revision', message: resolved.error });
    return { schema: emptySchema(), notes, revisions: [] };
  }
  const schema = emptySchema();
  const steps = upgradeSteps(history.graph, [], resolved.revisions);
  if (guard) replayStepsGuarded(history, schema, steps, notes, guard);
  else replaySteps(history, schema, steps, notes);
  return { schema, notes, revisions: resolved.revisions };
}
