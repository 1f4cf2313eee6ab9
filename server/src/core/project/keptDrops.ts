// Tables and columns a model may still own although the models do not show them: built by a library
// at import time (importTimeTables.ts), or mapped by a model whose table name cannot be read
// (unnamedModelTables.ts). Alembic, importing the models, sees them and writes no drop; so `revision`
// and Create Migration do not write one either, and say why in a comment in the file.
import type { PlannedDiff } from '../diff';
import type { Change } from '../diff/types';
import type { UncertainColumns } from './uncertainFindings';

export interface KeptDrops {
  /** Table → why a model may own it. */
  tables: ReadonlyMap<string, string>;
  /** Columns a call may add, by table, with the reason. */
  columns: UncertainColumns;
}

/** A drop left out of the revision, with the reason. */
export interface KeptDrop {
  table: string;
  column?: string;
  reason: string;
}

export const NO_KEPT_DROPS: KeptDrops = { tables: new Map(), columns: new Map() };

function keptBy(change: Change, kept: KeptDrops): KeptDrop | null {
  if (change.kind === 'dropTable') {
    const reason = kept.tables.get(change.table);
    return reason === undefined ? null : { table: change.table, reason };
  }
  if (change.kind === 'dropColumn') {
    const entry = kept.columns.get(change.table);
    return entry?.columns.has(change.column) ? { table: change.table, column: change.column, reason: entry.reason } : null;
  }
  return null;
}

/** The plan without the drops a model may still own; those are listed in `kept`. */
export function withoutKeptDrops(plan: PlannedDiff, kept: KeptDrops): PlannedDiff & { kept: KeptDrop[] } {
  const left: KeptDrop[] = [];
  const changes = plan.changes.filter((change) => {
    const drop = keptBy(change, kept);
    if (drop) left.push(drop);
    return drop === null;
  });
  return { ...plan, changes, kept: left };
}
