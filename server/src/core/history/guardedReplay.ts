// Replay that never goes blind. A step the replay cannot apply stays a note at its line, the
// replay carries on, and the tables that step touched are uncertain from there on (findings on
// them are never data-loss warnings). A table used before any revision creates it (the project
// ran `db.create_all()` and was stamped) is taken from the models as it stood at that point.
import * as l10n from '@vscode/l10n';
import type { MigrationOp } from '../schema/ops';
import type { Schema } from '../schema/types';
import type { Note, SourceLocation } from '../source';
import { applyOpInPlace } from './apply/apply';
import { duringReplay, tableSet } from './apply/tableList';
import { baselineTable } from './baseline';
import type { History } from './load';
import { readDdl } from './sql/ddl';
import type { ReplayedBody, RevisionStep, UnfollowedCall } from './types';

/** Why a table of the replayed schema may differ from the real database's. */
export interface Uncertainty {
  reason: string;
  location?: SourceLocation;
}

export interface ReplayGuard {
  /** The models' schema: the baseline for a table used before any revision creates it (null: none). */
  models: Schema | null;
  /** Tables the replay could not follow exactly, each with the first reason. */
  uncertain: Map<string, Uncertainty>;
  /** Tables taken from the models' baseline. */
  baselined: Set<string>;
}

export function newReplayGuard(models: Schema | null): ReplayGuard {
  return { models, uncertain: new Map(), baselined: new Set() };
}

const MESSAGES = {
  baseline: (table: string) =>
    l10n.t(
      'table "{0}" is used here but no earlier step creates it (made by db.create_all() before the first revision, or by a step the replay could not read); its columns before this step are taken from the models',
      table,
    ),
  baselineUnknown: (table: string) =>
    l10n.t('table "{0}" is used here but no earlier step creates it, and the models do not declare it; only the columns later steps name are known', table),
  uncertainFromHere: (tables: string[]) => {
    const names = tables.map((t) => `"${t}"`).join(', ');
    return tables.length === 1 ? l10n.t('; {0} is uncertain from here on', names) : l10n.t('; {0} are uncertain from here on', names);
  },
  get onBaseline() {
    return l10n.t(' (on a table taken from the models, so the models and the history disagree about it)');
  },
};

/** Tables an op needs to exist before it runs. */
function tablesNeeded(op: MigrationOp): string[] {
  switch (op.kind) {
    case 'createTable':
    case 'createEnum':
    case 'dropEnum':
    case 'addEnumValue':
    case 'executeSql':
      return [];
    case 'renameTable':
      return [op.from];
    case 'dropIndex':
      return op.table === null ? [] : [op.table];
    case 'createForeignKey':
      return [op.table, op.foreignKey.refTable];
    default:
      return [op.table];
  }
}

interface GuardState {
  schema: Schema;
  notes: Note[];
  guard: ReplayGuard;
  /** Tables the replay has had at some point (a table dropped earlier is not baselined again). */
  seen: Set<string>;
}

function markUncertain(state: GuardState, table: string, uncertainty: Uncertainty): void {
  if (!state.guard.uncertain.has(table)) state.guard.uncertain.set(table, uncertainty);
}

function baselineMissing(state: GuardState, op: MigrationOp, later: () => readonly MigrationOp[]): void {
  const { models } = state.guard;
  if (!models) return;
  for (const table of tablesNeeded(op)) {
    if (state.schema.tables[table] || state.seen.has(table)) continue;
    const baseline = baselineTable(table, later(), models);
    state.schema.tables[table] = baseline.table;
    tableSet(state.schema, table, baseline.table);
    state.seen.add(table);
    state.guard.baselined.add(table);
    const message = baseline.fromModels ? MESSAGES.baseline(table) : MESSAGES.baselineUnknown(table);
    state.notes.push({ severity: 'info', kind: 'baseline-from-models', message, ...(op.location ? { location: op.location } : {}) });
    if (!baseline.fromModels) markUncertain(state, table, { reason: message, ...(op.location ? { location: op.location } : {}) });
  }
}

/** `later`: this op and every op after it (computed only when a table must be baselined). */
function applyGuarded(state: GuardState, op: MigrationOp, later: () => readonly MigrationOp[]): void {
  if (op.kind === 'executeSql') {
    // The DDL in it, one statement at a time, so each can be baselined and guarded on its own.
    const inner = readDdl(op.sql, op.location, (t, c) => state.schema.tables[t]?.columns[c]?.type).ops;
    inner.forEach((innerOp, index) => applyGuarded(state, innerOp, () => [...inner.slice(index), ...later().slice(1)]));
    return;
  }
  baselineMissing(state, op, later);
  const local: Note[] = [];
  applyOpInPlace(state.schema, op, local);
  for (const note of local) {
    if (note.kind !== 'replay-conflict') {
      state.notes.push(note);
      continue;
    }
    const tables = tablesNeeded(op).filter((t) => state.schema.tables[t]);
    if (op.kind === 'createTable') tables.push(op.table);
    const onBaseline = tables.some((t) => state.guard.baselined.has(t));
    const fresh = tables.filter((t) => !state.guard.uncertain.has(t));
    const message = `${note.message}${onBaseline ? MESSAGES.onBaseline : ''}${fresh.length > 0 ? MESSAGES.uncertainFromHere(fresh) : ''}`;
    for (const t of fresh) markUncertain(state, t, { reason: note.message, ...(note.location ? { location: note.location } : {}) });
    state.notes.push({ ...note, message, ...(onBaseline ? { severity: 'info' as const } : {}) });
  }
  if (op.kind === 'createTable') state.seen.add(op.table);
  if (op.kind === 'renameTable' && state.schema.tables[op.to]) {
    state.seen.add(op.to);
    const uncertainty = state.guard.uncertain.get(op.from);
    if (uncertainty) state.guard.uncertain.set(op.to, uncertainty);
    if (state.guard.baselined.has(op.from)) state.guard.baselined.add(op.to);
  }
}

/**
 * A call the replay skipped, handed names of tables that exist here: it may rename, alter or drop
 * them, so they are uncertain from here on, and its note (a copy: bodies are shared) says so.
 */
function markUnfollowed(state: GuardState, call: UnfollowedCall, note: Note | undefined): void {
  const fresh = call.names.filter((name) => state.schema.tables[name] && !state.guard.uncertain.has(name));
  if (fresh.length === 0) return;
  const reason = note?.message ?? '';
  for (const table of fresh) markUncertain(state, table, { reason, ...(note?.location ? { location: note.location } : {}) });
  if (note) note.message = `${note.message}${MESSAGES.uncertainFromHere(fresh)}`;
}

/** Pushes a body's notes; the notes of unfollowed calls as copies, to be told which tables they leave uncertain. */
function pushBodyNotes(body: ReplayedBody, notes: Note[]): Map<UnfollowedCall, Note> {
  const copies = new Map<UnfollowedCall, Note>();
  const byNote = new Map((body.unfollowed ?? []).map((call) => [call.note, call]));
  body.notes.forEach((note, index) => {
    const call = byNote.get(index);
    if (!call) return notes.push(note);
    const copy = { ...note };
    copies.set(call, copy);
    return notes.push(copy);
  });
  return copies;
}

/** replaySteps with the guard: upgrade steps from the given schema, notes in step order. */
export function replayStepsGuarded(history: History, schema: Schema, steps: readonly RevisionStep[], notes: Note[], guard: ReplayGuard): void {
  const bodies = steps.flatMap((step) => {
    const revision = history.graph.revisions.get(step.revision);
    if (!revision) return [];
    return [step.direction === 'up' ? revision.upgrade : revision.downgrade];
  });
  const ops = bodies.flatMap((body) => body.ops);
  const state: GuardState = { schema, notes, guard, seen: new Set(Object.keys(schema.tables)) };
  let index = 0;
  duringReplay(schema, () => {
    for (const body of bodies) {
      const copies = pushBodyNotes(body, notes);
      const unfollowedAt = (position: number) => {
        for (const call of body.unfollowed ?? []) if (call.afterOps === position) markUnfollowed(state, call, copies.get(call));
      };
      body.ops.forEach((op, position) => {
        unfollowedAt(position);
        const from = index++;
        applyGuarded(state, op, () => ops.slice(from));
      });
      unfollowedAt(body.ops.length);
    }
  });
}
