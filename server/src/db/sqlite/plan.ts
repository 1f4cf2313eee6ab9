// A revision path → SQLite statements: plain ops as Alembic's SQLite impl runs them, each
// `with op.batch_alter_table(...)` block as one unit (a table copy when Alembic would make one),
// tracked against the schema the history builds up, so every statement knows the table it alters.
import { duringReplay } from '../../core/history/apply/tableList';
import type { ParsedRevision, RevisionStep } from '../../core/history/types';
import type { MigrationOp } from '../../core/schema/ops';
import { cloneSchema, type Schema } from '../../core/schema/types';
import { backupTargets } from '../backup';
import type { PlannedStatement, PlannedStep, PlanResult } from '../executor';
import { blockingNotes, stepsFor, untranslatableItems, type HistoryView, type UntranslatableBody } from '../plan';
import { reasonText, untranslatableText, type Reason } from '../../core/reasons';
import { batchCopySql, blockNeedsCopy, plainOpSql, SqliteUnsupported } from './ddl';

export interface SqlitePlan {
  steps: PlannedStep[];
  untranslatable: UntranslatableBody[];
  /** Ops neither we nor Alembic can run on SQLite, with the revision and line. */
  unsupported: string[];
  /** Where each of `unsupported` is (file:line), as data. */
  unsupportedPlaces: string[];
}

/** Consecutive ops of one batch block travel together; others one by one. */
function groups(ops: readonly MigrationOp[]): MigrationOp[][] {
  const out: MigrationOp[][] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    const lastBatch = last?.[0]?.batch;
    if (last && op.batch && lastBatch && lastBatch.line === op.batch.line && lastBatch.table === op.batch.table) last.push(op);
    else out.push([op]);
  }
  return out;
}

const locationOf = (op: MigrationOp | undefined) => (op?.location ? { location: op.location } : {});

function lineOf(revision: ParsedRevision, op: MigrationOp | undefined): string {
  const line = op?.location?.range.start.line;
  return `${op?.location?.file ?? revision.path}${line !== undefined ? `:${line + 1}` : ''}`;
}

/** Statements of one step; the schema is updated in place. */
function stepStatements(
  view: HistoryView,
  schema: Schema,
  ops: readonly MigrationOp[],
  revision: ParsedRevision,
  unsupported: string[],
  places: string[],
): PlannedStatement[] {
  const statements: PlannedStatement[] = [];
  for (const group of groups(ops)) {
    const first = group[0] as MigrationOp;
    // An enum no op created (SQLite has no types of its own): its labels size the VARCHAR.
    for (const op of group) if (op.kind === 'addColumn' && op.enumLabels && !schema.enums[op.column.type]) schema.enums[op.column.type] = [...op.enumLabels];
    try {
      if (first.batch && blockNeedsCopy(group, first.batch.recreate)) {
        const before = cloneSchema(schema);
        view.applyOpsInPlace(schema, group);
        for (const sql of batchCopySql(first.batch.table, group, before, schema)) statements.push({ sql, ...locationOf(first) });
        continue;
      }
      for (const op of group) {
        if (op.kind === 'createTable') {
          view.applyOpsInPlace(schema, [op]);
          for (const sql of plainOpSql(op, schema, schema)) statements.push({ sql, ...locationOf(op) });
        } else {
          for (const sql of plainOpSql(op, schema, schema)) statements.push({ sql, ...locationOf(op) });
          view.applyOpsInPlace(schema, [op]);
        }
      }
    } catch (error) {
      if (!(error instanceof SqliteUnsupported)) throw error;
      unsupported.push(`${lineOf(revision, first)}: ${error.message}`);
      places.push(lineOf(revision, first));
      view.applyOpsInPlace(schema, group);
    }
  }
  return statements;
}

export function buildSqliteSteps(view: HistoryView, heads: readonly string[], steps: readonly RevisionStep[]): SqlitePlan {
  const schema = cloneSchema(view.schemaAt(heads));
  const planned: PlannedStep[] = [];
  const untranslatable: UntranslatableBody[] = [];
  const unsupported: string[] = [];
  const unsupportedPlaces: string[] = [];
  // One table list for the whole plan (as a replay keeps), as buildSteps does.
  duringReplay(schema, () => {
    for (const step of steps) {
      const revision = view.graph.revisions.get(step.revision) as ParsedRevision;
      const body = step.direction === 'up' ? revision.upgrade : revision.downgrade;
      const blocking = blockingNotes(body);
      if (blocking.length > 0) untranslatable.push({ revision: step.revision, direction: step.direction, file: revision.path, notes: blocking });
      const backups = backupTargets(body.ops, schema);
      const statements = stepStatements(view, schema, body.ops, revision, unsupported, unsupportedPlaces);
      planned.push({ revision: step.revision, direction: step.direction, message: revision.message, statements, backups });
    }
  });
  return { steps: planned, untranslatable, unsupported, unsupportedPlaces };
}

export const PLAN_MESSAGES = {
  untranslatable: (lines: string) => untranslatableText('sqlite', lines),
  unsupported: (lines: string[]) => reasonText({ kind: 'sqlite-unsupported', places: lines }),
};

/** A Planner for the SQLite executor, resolving the target from the heads the file records under the lock. */
export function sqlitePlanner(view: HistoryView, verb: 'upgrade' | 'downgrade', targetSpec: string): (heads: string[]) => PlanResult {
  return (heads) => {
    const steps = stepsFor(view.graph, verb, heads, targetSpec);
    if (!steps.ok) return steps;
    const built = buildSqliteSteps(view, heads, steps.steps);
    if (built.untranslatable.length > 0) {
      const reason: Reason = { kind: 'untranslatable', fallback: 'sqlite', items: untranslatableItems(built.untranslatable) };
      return { ok: false, message: reasonText(reason), reason };
    }
    if (built.unsupported.length > 0) {
      // The places are data for the extension; each line's own words come from the DDL builder.
      return { ok: false, message: PLAN_MESSAGES.unsupported(built.unsupported), reason: { kind: 'sqlite-unsupported', places: built.unsupportedPlaces } };
    }
    return { ok: true, steps: built.steps };
  };
}
