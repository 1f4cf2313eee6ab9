// Replay that never goes blind. A step the replay cannot apply stays a note at its line, the
// replay carries on, and the tables that step touched are uncertain from there on (findings on
// them are never data-loss warnings). A table used before any revision creates it (the project
// ran `db.create_all()` and was stamped) is taken from the models as it stood at that point.
import * as l10n from '@vscode/l10n';
import type { Dialect } from '../project/database';
import type { MigrationOp } from '../schema/ops';
import type { Schema } from '../schema/types';
import type { Note, SourceLocation } from '../source';
import { applyOpInPlace } from './apply/apply';
import { RevisionJournal, mayBeRefused } from './apply/journal';
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
  /** The database the history runs on; PostgreSQL when not said (only PostgreSQL refuses the steps apply/tables.ts checks). */
  dialect?: Dialect;
}

export function newReplayGuard(models: Schema | null, dialect?: Dialect): ReplayGuard {
  return { models, uncertain: new Map(), baselined: new Set(), ...(dialect ? { dialect } : {}) };
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
  rolledBackUp: (reason: string, revision: string, parents: string) =>
    l10n.t(
      '{0}. PostgreSQL rolls back the whole of revision {1} with it: `flask db upgrade` fails here, no database gets past {2} with these files, and the replay leaves every step of {1} out',
      reason,
      revision,
      parents,
    ),
  rolledBackDown: (reason: string, revision: string) =>
    l10n.t('{0}. PostgreSQL rolls back the whole downgrade of {1} with it, and the replay leaves every step of it out', reason, revision),
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

/** Tables a refusal of `op` rests on: if the replay is unsure of one, so is the refusal. */
function tablesRefusalRestsOn(state: GuardState, op: MigrationOp): string[] {
  const tables = tablesNeeded(op);
  if (op.kind !== 'dropTable') return tables;
  return [...tables, ...Object.entries(state.schema.tables).flatMap(([name, t]) => (t.foreignKeys.some((fk) => fk.refTable === op.table) ? [name] : []))];
}

/**
 * `later`: this op and every op after it (computed only when a table must be baselined). Returns the
 * note of a step PostgreSQL certainly refuses (its revision must then be rolled back), else null.
 */
function applyGuarded(state: GuardState, op: MigrationOp, later: () => readonly MigrationOp[], journal: RevisionJournal | null): Note | null {
  if (op.kind === 'executeSql') {
    // The DDL in it, one statement at a time, so each can be baselined and guarded on its own.
    const inner = readDdl(op.sql, op.location, (t, c) => state.schema.tables[t]?.columns[c]?.type, state.schema).ops;
    for (const [index, innerOp] of inner.entries()) {
      const refused = applyGuarded(state, innerOp, () => [...inner.slice(index), ...later().slice(1)], journal);
      if (refused) return refused;
    }
    return null;
  }
  baselineMissing(state, op, later);
  // A missing enum type rests on no table (add_column, create_table); a cast or a reference does.
  const restsOn = op.kind === 'dropTable' || op.kind === 'alterColumn' ? tablesRefusalRestsOn(state, op) : [];
  journal?.record(state.schema, op);
  const local: Note[] = [];
  applyOpInPlace(state.schema, op, local, { dialect: state.guard.dialect ?? 'postgresql' });
  let refused: Note | null = null;
  for (const found of local) {
    let note = found;
    if (note.kind === 'pg-rejected') {
      // Certain only when the replay is sure of every table it rests on; otherwise an ordinary conflict.
      if (!restsOn.some((t) => state.guard.uncertain.has(t) || state.guard.baselined.has(t))) {
        refused ??= note;
        continue;
      }
      note = { ...note, kind: 'replay-conflict' };
    }
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
  if (refused) return refused;
  if (op.kind === 'createTable') state.seen.add(op.table);
  if (op.kind === 'renameTable' && state.schema.tables[op.to]) {
    state.seen.add(op.to);
    const uncertainty = state.guard.uncertain.get(op.from);
    if (uncertainty) state.guard.uncertain.set(op.to, uncertainty);
    if (state.guard.baselined.has(op.from)) state.guard.baselined.add(op.to);
  }
  return null;
}

/** Every table a revision's ops name (what its rollback leaves uncertain). */
function tablesOfBody(ops: readonly MigrationOp[]): string[] {
  const tables = new Set<string>();
  for (const op of ops) {
    const inner = op.kind === 'executeSql' ? readDdl(op.sql, op.location, () => undefined).ops : [op];
    for (const one of inner) {
      for (const t of tablesNeeded(one)) tables.add(t);
      if (one.kind === 'createTable') tables.add(one.table);
      if (one.kind === 'renameTable') tables.add(one.to);
    }
  }
  return [...tables];
}

/** The revision PostgreSQL rolls back: none of its steps happened, and what they touch is uncertain from here on. */
function rollBack(state: GuardState, step: RevisionStep, ops: readonly MigrationOp[], refused: Note, journal: RevisionJournal, history: History): void {
  journal.undo(state.schema);
  const revision = history.graph.revisions.get(step.revision);
  const parents = revision && revision.downRevisions.length > 0 ? revision.downRevisions.join(', ') : 'base';
  const reason =
    step.direction === 'up' ? MESSAGES.rolledBackUp(refused.message, step.revision, parents) : MESSAGES.rolledBackDown(refused.message, step.revision);
  const fresh = tablesOfBody(ops).filter((t) => !state.guard.uncertain.has(t));
  for (const t of fresh) markUncertain(state, t, { reason, ...(refused.location ? { location: refused.location } : {}) });
  state.notes.push({ ...refused, message: `${reason}${fresh.length > 0 ? MESSAGES.uncertainFromHere(fresh) : ''}` });
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
    return [{ step, body: step.direction === 'up' ? revision.upgrade : revision.downgrade }];
  });
  const ops = bodies.flatMap(({ body }) => body.ops);
  const state: GuardState = { schema, notes, guard, seen: new Set(Object.keys(schema.tables)) };
  const refusals = guard.dialect === undefined || guard.dialect === 'postgresql';
  let index = 0;
  duringReplay(schema, () => {
    for (const { step, body } of bodies) {
      const copies = pushBodyNotes(body, notes);
      const unfollowedAt = (position: number) => {
        for (const call of body.unfollowed ?? []) if (call.afterOps === position) markUnfollowed(state, call, copies.get(call));
      };
      const start = index;
      index += body.ops.length;
      // Only a revision holding a step PostgreSQL may refuse keeps what undoing it needs.
      const journal = refusals && body.ops.some(mayBeRefused) ? new RevisionJournal() : null;
      let rolledBack = false;
      for (const [position, op] of body.ops.entries()) {
        unfollowedAt(position);
        const from = start + position;
        const refused = applyGuarded(state, op, () => ops.slice(from), journal);
        if (!refused) continue;
        if (!journal) {
          notes.push(refused);
          continue;
        }
        rollBack(state, step, body.ops, refused, journal, history);
        rolledBack = true;
        break;
      }
      // After a rollback, the calls the revision would have made later never ran.
      if (!rolledBack) unfollowedAt(body.ops.length);
    }
  });
}
