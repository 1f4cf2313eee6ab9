// diffSchemas: what it takes to turn one schema (the migration head) into another (the models),
// as an ordered list of changes. Order: enum types first; chosen renames; constraint drops on kept
// tables; new tables in foreign-key order (each with its indexes); column adds, alters and drops;
// new keys, indexes, foreign keys and checks; dropped tables in reverse foreign-key order; unused enums.
import type { RenameChoice } from '../findings';
import type { Schema, TableSchema } from '../schema/types';
import { diffColumns } from './columns';
import { diffConstraints } from './constraints';
import { diffEnums } from './enums';
import { applyRenames } from './renames';
import { createTableChanges, dropTableChanges } from './tables';
import type { Change } from './types';

export type { Change, ChangeKind, ColumnAlteration } from './types';
export { migrationOps } from './types';
export { detectRenameCandidates, parseRenameChoice, type RenameCandidate } from './renames';

export interface DiffResult {
  changes: Change[];
  /** Rename choices that did not apply (unknown names), in plain words. */
  problems: string[];
}

export function diffSchemasWithProblems(from: Schema, to: Schema, opts: { renames?: RenameChoice[] } = {}): DiffResult {
  const renamed = applyRenames(from, to, opts.renames ?? []);
  const base = renamed.schema;
  const enums = diffEnums(from, to);
  const enumNames = new Set([...Object.keys(from.enums), ...Object.keys(to.enums)]);

  const kept = Object.keys(to.tables).filter((name) => base.tables[name]);
  const created = Object.keys(to.tables).filter((name) => !base.tables[name]);
  const dropped = Object.keys(base.tables).filter((name) => !to.tables[name]);

  const constraintDrops: Change[] = [];
  const columnChanges: Change[] = [];
  const constraintCreates: Change[] = [];
  for (const name of kept) {
    const before = base.tables[name] as TableSchema;
    const after = to.tables[name] as TableSchema;
    const columns = diffColumns(name, before, after, enumNames);
    const constraints = diffConstraints(name, before, after);
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

  const changes = [
    ...enums.early,
    ...renamed.changes,
    ...constraintDrops,
    ...createTableChanges(to, created),
    ...columnChanges,
    ...constraintCreates,
    ...dropTableChanges(base, dropped),
    ...enums.late,
  ];
  return { changes, problems: renamed.problems };
}

/** The ordered changes from `from` (migration head) to `to` (models), with the user's rename choices applied. */
export function diffSchemas(from: Schema, to: Schema, opts: { renames?: RenameChoice[] } = {}): Change[] {
  return diffSchemasWithProblems(from, to, opts).changes;
}
