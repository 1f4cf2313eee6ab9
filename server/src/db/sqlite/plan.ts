// A revision path → SQLite statements: plain ops as Alembic's SQLite impl runs them, each
// `with op.batch_alter_table(...)` block as one unit (a table copy when Alembic would make one),
// tracked against the schema the history builds up, so every statement knows the table it alters.
import type { ParsedRevision, RevisionStep } from '../../core/history/types';
import type { MigrationOp } from '../../core/schema/ops';
import { cloneSchema, type Schema } from '../../core/schema/types';
import { backupTargets } from '../backup';
import type { PlannedStatement, PlannedStep, PlanResult } from '../executor';
import { blockingNotes, describeUntranslatable, stepsFor, type HistoryView, type UntranslatableBody } from '../plan';
import { batchCopySql, blockNeedsCopy, plainOpSql, SqliteUnsupported } from './ddl';
import * as l10n from '@vscode/l10n';

export interface SqlitePlan {
  steps: PlannedStep[];
  untranslatable: UntranslatableBody[];
  /** Ops neither we nor Alembic can run on SQLite, with the revision and line. */
  unsupported: string[];
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
function stepStatements(view: HistoryView, schema: Schema, ops: readonly MigrationOp[], revision: ParsedRevision, unsupported: string[]): PlannedStatement[] {
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
  for (const step of steps) {
    const revision = view.graph.revisions.get(step.revision) as ParsedRevision;
    const body = step.direction === 'up' ? revision.upgrade : revision.downgrade;
    const blocking = blockingNotes(body);
    if (blocking.length > 0) untranslatable.push({ revision: step.revision, direction: step.direction, file: revision.path, notes: blocking });
    const backups = backupTargets(body.ops, schema);
    const statements = stepStatements(view, schema, body.ops, revision, unsupported);
    planned.push({ revision: step.revision, direction: step.direction, message: revision.message, statements, backups });
  }
  return { steps: planned, untranslatable, unsupported };
}

export const PLAN_MESSAGES = {
  untranslatable: (lines: string) =>
    l10n.t("these revisions hold Python the engine can't translate; on SQLite run them with the project's own `flask db upgrade`:\n{0}", lines),
  unsupported: (lines: string[]) =>
    l10n.t('these ops cannot run on SQLite, under Migration Guard or under flask db upgrade:\n{0}', lines.map((l) => `  ${l}`).join('\n')),
};

/** A Planner for the SQLite executor, resolving the target from the heads the file records under the lock. */
export function sqlitePlanner(view: HistoryView, verb: 'upgrade' | 'downgrade', targetSpec: string): (heads: string[]) => PlanResult {
  return (heads) => {
    const steps = stepsFor(view.graph, verb, heads, targetSpec);
    if (!steps.ok) return { ok: false, message: steps.message };
    const built = buildSqliteSteps(view, heads, steps.steps);
    if (built.untranslatable.length > 0) return { ok: false, message: PLAN_MESSAGES.untranslatable(describeUntranslatable(built.untranslatable)) };
    if (built.unsupported.length > 0) return { ok: false, message: PLAN_MESSAGES.unsupported(built.unsupported) };
    return { ok: true, steps: built.steps };
  };
}
