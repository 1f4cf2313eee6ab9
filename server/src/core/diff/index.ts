// diffSchemas: what it takes to turn one schema (the migration head) into another (the models),
// as an ordered list of changes. Order: enum types first; chosen renames; constraint drops on kept
// tables; new tables in foreign-key order (each with its indexes); column adds, alters and drops;
// new keys, indexes, foreign keys and checks; dropped tables in reverse foreign-key order; unused enums.
import type { RenameChoice } from '../findings';
import type { ForeignKeySchema, Schema, TableSchema } from '../schema/types';
import { diffColumns } from './columns';
import { diffConstraints } from './constraints';
import { diffEnums } from './enums';
import { applyRenames } from './renames';
import { guessRenames, sameRename, type AmbiguousRename } from './renameGuess';
import { createTableChange, createTableChanges, dropTableChange, dropTableChanges } from './tables';
import type { DiffMemo } from './memo';
import type { Change } from './types';
import type { Unreadable } from '../models/types';
import { withoutUnreadable } from './unreadable';

export type { Change, ChangeKind, ColumnAlteration } from './types';
export { migrationOps } from './types';
export { parseRenameChoice } from './renames';
export { DiffMemo } from './memo';
export {
  detectRenameCandidates,
  describeRename,
  guessRenames,
  sameRename,
  sameTypeFamily,
  typeFamily,
  type AmbiguousRename,
  type RenameCandidate,
} from './renameGuess';

/**
 * A new table's foreign key cannot be part of its CREATE TABLE when it points at a table created
 * later (a cycle) or at a key another table only gets later in this migration: it is added after.
 */
function deferForeignKeys(tables: Change[], keyCreates: Change[]): { tables: Change[]; deferred: Change[] } {
  const newKeys = new Set(
    keyCreates.flatMap((c) => (c.kind === 'createUnique' || c.kind === 'createPrimaryKey' ? [`${c.table}:${c.key.columns.join(',')}`] : [])),
  );
  const created = new Set<string>();
  const deferred: Change[] = [];
  const out = tables.map((change) => {
    const name = change.table as string;
    created.add(name);
    const op = change.upgrade[0];
    if (op?.kind !== 'createTable') return change;
    const later = (fk: ForeignKeySchema) =>
      (fk.refTable !== name && tables.some((t) => t.table === fk.refTable) && !created.has(fk.refTable)) ||
      newKeys.has(`${fk.refTable}:${fk.refColumns.join(',')}`);
    const moved = op.foreignKeys.filter(later);
    if (moved.length === 0) return change;
    for (const fk of moved) {
      deferred.push({
        kind: 'createForeignKey',
        table: name,
        foreignKey: fk,
        onExistingTable: false,
        ...(fk.columns.length === 1 ? { column: fk.columns[0] } : {}),
        upgrade: [{ kind: 'createForeignKey', table: name, foreignKey: structuredClone(fk) }],
        downgrade: [{ kind: 'dropConstraint', table: name, name: fk.name, type: 'foreignkey' }],
      });
    }
    return { ...change, upgrade: [{ ...op, foreignKeys: op.foreignKeys.filter((fk) => !later(fk)) }, ...change.upgrade.slice(1)] };
  });
  return { tables: out, deferred };
}

/** Whether `table` keeps a primary key or unique constraint on exactly these columns. */
function keepsKey(to: Schema, table: string, columns: string[]): boolean {
  const def = to.tables[table];
  const same = (key: { columns: string[] } | null) => key !== null && key.columns.join(',') === columns.join(',');
  return def !== undefined && (same(def.primaryKey) || def.uniques.some(same));
}

/**
 * The mirror image for dropped tables: a foreign key to a table dropped before its own (a cycle),
 * or to a key of a kept table that this migration takes away, is dropped first, before what it
 * relies on goes; on downgrade it is added back once all of that exists again.
 */
function detachForeignKeys(tables: Change[], to: Schema): { detached: Change[]; tables: Change[] } {
  const droppedLater = new Set(tables.map((t) => t.table as string));
  const detached: Change[] = [];
  const out = tables.map((change) => {
    const name = change.table as string;
    const back = change.downgrade[0];
    droppedLater.delete(name);
    if (back?.kind !== 'createTable') return change;
    const early = (fk: ForeignKeySchema) =>
      fk.refTable !== name && !droppedLater.has(fk.refTable) && !(to.tables[fk.refTable] && keepsKey(to, fk.refTable, fk.refColumns));
    const moved = back.foreignKeys.filter(early);
    if (moved.length === 0) return change;
    for (const fk of moved) {
      detached.push({
        kind: 'dropForeignKey',
        table: name,
        foreignKey: fk,
        onExistingTable: true,
        ...(fk.columns.length === 1 ? { column: fk.columns[0] } : {}),
        upgrade: [{ kind: 'dropConstraint', table: name, name: fk.name, type: 'foreignkey' }],
        downgrade: [{ kind: 'createForeignKey', table: name, foreignKey: structuredClone(fk) }],
      });
    }
    return { ...change, downgrade: [{ ...back, foreignKeys: back.foreignKeys.filter((fk) => !early(fk)) }, ...change.downgrade.slice(1)] };
  });
  return { detached, tables: out };
}

function diffTable(name: string, before: TableSchema, after: TableSchema, enumNames: ReadonlySet<string>) {
  return { columns: diffColumns(name, before, after, enumNames), constraints: diffConstraints(name, before, after) };
}

export interface DiffResult {
  changes: Change[];
  /** Rename choices that did not apply (unknown names), in plain words. */
  problems: string[];
}

export function diffSchemasWithProblems(from: Schema, to: Schema, opts: { renames?: RenameChoice[]; memo?: DiffMemo } = {}): DiffResult {
  const renamed = applyRenames(from, to, opts.renames ?? []);
  const base = renamed.schema;
  const enums = diffEnums(from, to);
  const enumNames = new Set([...Object.keys(from.enums), ...Object.keys(to.enums)]);
  const memo = opts.memo;
  const enumKey = memo ? [...enumNames].join('\u0000') : '';

  const kept = Object.keys(to.tables).filter((name) => base.tables[name]);
  const created = Object.keys(to.tables).filter((name) => !base.tables[name]);
  const dropped = Object.keys(base.tables).filter((name) => !to.tables[name]);

  const constraintDrops: Change[] = [];
  const columnChanges: Change[] = [];
  const constraintCreates: Change[] = [];
  for (const name of kept) {
    const before = base.tables[name] as TableSchema;
    const after = to.tables[name] as TableSchema;
    const { columns, constraints } =
      memo?.keptTable(name, before, after, enumKey) ??
      memo?.storeKept(name, before, after, enumKey, diffTable(name, before, after, enumNames)) ??
      diffTable(name, before, after, enumNames);
    constraintDrops.push(...constraints.drops);
    columnChanges.push(...columns.added, ...columns.altered, ...columns.dropped);
    constraintCreates.push(...constraints.creates);
  }
  // Foreign keys go first among drops (of any table: they may rely on a key another table drops next)
  // and last among creations (they may point at a key created just before). The sort is stable.
  const fkFirst = (c: Change) => (c.kind === 'dropForeignKey' ? 0 : 1);
  constraintDrops.sort((a, b) => fkFirst(a) - fkFirst(b));
  const fkLast = (c: Change) => (c.kind === 'createForeignKey' ? 1 : 0);
  constraintCreates.sort((a, b) => fkLast(a) - fkLast(b));

  const create = memo ? (name: string, table: TableSchema) => memo.createdTable(name, table, () => createTableChange(name, table)) : createTableChange;
  const drop = memo ? (name: string, table: TableSchema) => memo.droppedTable(name, table, () => dropTableChange(name, table)) : dropTableChange;
  const { tables: newTables, deferred } = deferForeignKeys(createTableChanges(to, created, create), constraintCreates);
  const { tables: oldTables, detached } = detachForeignKeys(dropTableChanges(base, dropped, drop), to);

  const changes = [
    ...enums.early,
    ...renamed.changes,
    ...detached,
    ...constraintDrops,
    ...newTables,
    ...columnChanges,
    ...constraintCreates,
    ...deferred,
    ...oldTables,
    ...enums.late,
  ];
  return { changes, problems: renamed.problems };
}

/** The ordered changes from `from` (migration head) to `to` (models), with the user's rename choices applied. */
export function diffSchemas(from: Schema, to: Schema, opts: { renames?: RenameChoice[] } = {}): Change[] {
  return diffSchemasWithProblems(from, to, opts).changes;
}

/** How to treat drop + add pairs that look like renames. */
export interface RenamePolicy {
  /** Renames the user chose (`--rename`, Create Migration's picks). */
  chosen?: RenameChoice[];
  /** Assumed renames the user turned down (`--no-rename`, unchecked in Create Migration). */
  declined?: RenameChoice[];
  /** `--no-renames`: nothing is assumed; only the chosen renames are made. */
  assumeNone?: boolean;
  /** What the models say that could not be read: the changes resting on it are left out (unreadable.ts). */
  unreadable?: readonly Unreadable[];
}

export interface PlannedDiff extends DiffResult {
  /** Renames made because the pair was unambiguous (not chosen, not declined). */
  assumed: RenameChoice[];
  /** The renames the user chose that were applied. */
  chosen: RenameChoice[];
  /** Unambiguous pairs left as drop + add because the user declined them (or --no-renames). */
  declined: RenameChoice[];
  /** Drops and adds with several readings: left as drop + add. */
  ambiguous: AmbiguousRename[];
}

/**
 * With a memo (one per long-lived analysis, see memo.ts), tables equal as objects to the last diff's
 * are not diffed again.
 *
 * The diff with renames by default: the chosen renames, plus every unambiguous pair the rest of
 * the diff suggests unless declined. What `check`, `revision`, the editor and Create Migration share.
 */
export function planDiff(from: Schema, to: Schema, policy: RenamePolicy = {}, memo?: DiffMemo): PlannedDiff {
  const chosen = policy.chosen ?? [];
  const readable = (diff: DiffResult): DiffResult => ({ ...diff, changes: withoutUnreadable(diff.changes, policy.unreadable) });
  const first = readable(diffSchemasWithProblems(from, to, { renames: chosen, ...(memo ? { memo } : {}) }));
  const guess = guessRenames(first.changes);
  if (guess.unambiguous.length === 0) return { ...first, assumed: [], chosen, declined: [], ambiguous: guess.ambiguous };
  const wanted = guess.unambiguous.map((c) => c.choice);
  const isDeclined = (c: RenameChoice) => policy.assumeNone === true || (policy.declined ?? []).some((d) => sameRename(d, c));
  const assumed = wanted.filter((c) => !isDeclined(c));
  const declined = wanted.filter(isDeclined);
  if (assumed.length === 0) return { ...first, assumed, chosen, declined, ambiguous: guess.ambiguous };
  const second = readable(diffSchemasWithProblems(from, to, { renames: [...chosen, ...assumed], ...(memo ? { memo } : {}) }));
  return { ...second, assumed, chosen, declined, ambiguous: guess.ambiguous };
}
