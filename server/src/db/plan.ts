// From a revision path to an executable plan: each revision's ops rendered to SQL by the shared
// renderer against the schema before it, the data each step puts at risk, and the Python the engine
// cannot translate (which makes the plan refuse, or hand over to the project's own Alembic).
import type { NoteKind } from '../core/noteKinds';
import type { RevisionGraph } from '../core/history/graph';
import { downgradeSteps, upgradeSteps } from '../core/history/path';
import { duringReplay } from '../core/history/apply/tableList';
import { resolveRevision } from '../core/history/resolve';
import type { ParsedRevision, ReplayedBody, RevisionStep } from '../core/history/types';
import { opsToSql } from '../core/render/sql';
import type { MigrationOp } from '../core/schema/ops';
import { cloneSchema, type Schema } from '../core/schema/types';
import type { Note } from '../core/source';
import type { VersionGraph, VersionTable } from './alembicVersion';
import { stepRisks } from './backupTargets';
import { plannedRestore, type PlannedRestore } from './downgradeRestore';
import { riskCountRequests } from './riskCounts';
import type { PlannedStatement, PlannedStep, PlanResult } from './executor';
import * as l10n from '@vscode/l10n';
import { NOTE_AS_WRITTEN, reasonText, untranslatableLine, type Reason, type UntranslatableItem } from '../core/reasons';

const TEXT = {
  notConcurrently: (index: string, table: string) =>
    l10n.t(
      'index {0} is built without CONCURRENTLY inside the migration transaction (writes to "{1}" wait while it builds); use --executor alembic to build it concurrently',
      index,
      table,
    ),
};

/** What the planner needs from a loaded history. */
export interface HistoryView {
  graph: RevisionGraph;
  /** Where the project records its revisions (env.py's version_table); default alembic_version. */
  versionTable?: VersionTable;
  /** The one `--sql` scripts write (env.py's offline configure; Flask-Migrate's passes no configure_args). */
  offlineVersionTable?: VersionTable;
  /** The schema the recorded heads imply (replayed from base). */
  schemaAt(heads: readonly string[]): Schema;
  /** Applies ops to `schema` in place (the planner owns its copy, so no clone per revision). */
  applyOpsInPlace(schema: Schema, ops: readonly MigrationOp[]): void;
}

/** A revision body the engine can't run faithfully, with the lines that make it so. */
export interface UntranslatableBody {
  revision: string;
  direction: 'up' | 'down';
  file: string;
  notes: Note[];
}

/** Notes whose statement was dropped or guessed by the replay: running the ops would not be what Python does. */
const BLOCKING_INFO_KINDS = new Set<NoteKind>(['unknown-call', 'unsupported-statement']);
const HARMLESS_WARNING_KINDS = new Set<NoteKind>(['check-not-created']);

export function blockingNotes(body: ReplayedBody): Note[] {
  const keptSql = new Set(body.ops.filter((op) => op.kind === 'executeSql' && op.location).map((op) => locationKey(op.location)));
  return body.notes.filter((note) => {
    // SQL the replay did not understand is still run exactly as written.
    if (note.kind === 'opaque-op' && keptSql.has(locationKey(note.location))) return false;
    if (note.severity === 'error' || note.severity === 'warning') return !HARMLESS_WARNING_KINDS.has(note.kind);
    return BLOCKING_INFO_KINDS.has(note.kind);
  });
}

function locationKey(location: Note['location']): string {
  if (!location) return '';
  const { start } = location.range;
  return `${location.file}:${start.line}:${start.character}`;
}

export function versionGraphOf(graph: RevisionGraph): VersionGraph {
  return {
    parents: (revision) => graph.parents(revision),
    isAncestor: (ancestor, descendant) => ancestor !== descendant && graph.ancestors([descendant], false).has(ancestor),
  };
}

export type StepsResult = { ok: true; steps: RevisionStep[]; target: string[] } | { ok: false; message: string; reason: Reason };

const refused = (reason: Reason): { ok: false; message: string; reason: Reason } => ({ ok: false, message: reasonText(reason), reason });

/** The steps `upgrade TARGET` / `downgrade TARGET` runs from these heads, as Alembic orders them. */
export function stepsFor(graph: RevisionGraph, verb: 'upgrade' | 'downgrade', heads: readonly string[], targetSpec: string): StepsResult {
  const resolved = resolveRevision(graph, targetSpec, [...heads]);
  if (!resolved.ok) return { ok: false, message: resolved.error, reason: resolved.reason };
  const unknown = heads.filter((h) => !graph.has(h));
  if (unknown.length > 0) return refused({ kind: 'unknown-database-revision', revisions: unknown });
  const target = resolved.revisions;
  if (verb === 'upgrade') {
    const current = graph.ancestors(heads);
    if (target.length > 0 && target.every((t) => current.has(t)) && !heads.every((h) => target.includes(h)) && !target.every((t) => heads.includes(t))) {
      return refused({ kind: 'below-current', target: targetSpec, heads: [...heads] });
    }
    return { ok: true, steps: upgradeSteps(graph, [...heads], target), target };
  }
  const down = downgradeSteps(graph, [...heads], target, branchOf(targetSpec));
  return down.ok ? { ok: true, steps: down.steps, target } : { ok: false, message: down.error, reason: down.reason };
}

function branchOf(spec: string): string | null {
  const at = spec.indexOf('@');
  return at > 0 && !/^[+-]\d+$/.test(spec.slice(at + 1)) ? spec.slice(0, at) : null;
}

export interface BuildOptions {
  /** Leave untranslatable bodies in the plan instead of refusing (the caller hands them to Alembic). */
  allowUntranslatable?: boolean;
}

export interface BuiltPlan {
  steps: PlannedStep[];
  untranslatable: UntranslatableBody[];
}

/** Renders each step's ops to SQL against the schema before it, tracking the schema as it goes. */
export function buildSteps(view: HistoryView, heads: readonly string[], steps: readonly RevisionStep[]): BuiltPlan {
  // Nothing to run (already at the target): no replay of the history at all.
  if (steps.length === 0) return { steps: [], untranslatable: [] };
  const schema = cloneSchema(view.schemaAt(heads));
  const planned: PlannedStep[] = [];
  const untranslatable: UntranslatableBody[] = [];
  // One table list for the whole plan (as a replay keeps): a schema of a thousand tables is slow to list per op.
  duringReplay(schema, () => {
    for (const step of steps) {
      const revision = view.graph.revisions.get(step.revision) as ParsedRevision;
      const body = step.direction === 'up' ? revision.upgrade : revision.downgrade;
      const blocking = blockingNotes(body);
      if (blocking.length > 0) untranslatable.push({ revision: step.revision, direction: step.direction, file: revision.path, notes: blocking });
      // CREATE INDEX CONCURRENTLY can't run inside a transaction; the whole path runs in one, so the
      // index is built plainly (Alembic's autocommit_block would commit the migration half-way instead).
      const notes: string[] = [];
      const ops = body.ops.map((op) => {
        if (op.kind !== 'createIndex' || !op.concurrently) return op;
        notes.push(TEXT.notConcurrently(op.index.name, op.table));
        return { ...op, concurrently: false };
      });
      const risks = stepRisks(body.ops, schema);
      const counts = riskCountRequests(risks.targets, body.ops, schema);
      // Rendered op by op against the schema as it stands, so every statement knows the line it came from.
      const statements: PlannedStatement[] = [];
      const restores: PlannedRestore[] = [];
      // A downgrade leads back to the schema before the revision's upgrade: what it re-creates may have a backup.
      let before: Schema | undefined;
      for (const op of ops) {
        const from = statements.length;
        for (const text of opsToSql([op], schema)) statements.push({ sql: text, ...(op.location ? { location: op.location } : {}) });
        if (step.direction === 'down' && (op.kind === 'addColumn' || op.kind === 'createTable')) {
          before ??= view.schemaAt(view.graph.parents(step.revision));
          const restore = plannedRestore(op, schema, before, from, statements.length);
          if (restore) restores.push(restore);
        }
        view.applyOpsInPlace(schema, [op]);
      }
      planned.push({
        revision: step.revision,
        direction: step.direction,
        message: revision.message,
        statements,
        backups: risks.targets,
        unchecked: risks.unchecked,
        ...(notes.length ? { notes } : {}),
        ...(restores.length ? { restores } : {}),
        ...(counts.length ? { counts } : {}),
      });
    }
  });
  return { steps: planned, untranslatable };
}

/** Each blocking note of each body, where it is (1-based lines, as editors show them) and why. */
export function untranslatableItems(bodies: readonly UntranslatableBody[]): UntranslatableItem[] {
  return bodies.flatMap((b) =>
    b.notes.map((n) => ({
      file: n.location?.file ?? b.file,
      line: (n.location?.range.start.line ?? 0) + 1,
      direction: b.direction,
      revision: b.revision,
      noteKind: n.kind,
      note: n.message,
    })),
  );
}

/** "versions/abc.py:12: op.execute with a SQLAlchemy expression…" lines. */
export function describeUntranslatable(bodies: readonly UntranslatableBody[]): string {
  return untranslatableItems(bodies)
    .map((item) => `  ${untranslatableLine(`${item.file}:${item.line}`, item.direction, item.revision, NOTE_AS_WRITTEN(item))}`)
    .join('\n');
}

/** A Planner for the executor: resolves the target from the heads the database records under the lock. */
export function historyPlanner(
  view: HistoryView,
  verb: 'upgrade' | 'downgrade',
  targetSpec: string,
  opts: BuildOptions = {},
): (heads: string[]) => PlanResult & { untranslatable?: UntranslatableBody[] } {
  return (heads) => {
    const steps = stepsFor(view.graph, verb, heads, targetSpec);
    if (!steps.ok) return steps;
    const built = buildSteps(view, heads, steps.steps);
    if (built.untranslatable.length > 0 && !opts.allowUntranslatable) {
      return {
        ...refused({ kind: 'untranslatable', fallback: 'none', items: untranslatableItems(built.untranslatable) }),
        untranslatable: built.untranslatable,
      };
    }
    return { ok: true, steps: built.steps, untranslatable: built.untranslatable };
  };
}
