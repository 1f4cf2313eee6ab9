// Per-table diff results kept between diffs of the same schemas' tables, so that a keystroke
// re-diffs only the tables it touched. Each result is a pure function of the two table objects (and
// the enum names, for USING casts), and schema table objects are never changed once built: the
// models' are reused by the build memo only when equal, the head's only until the history replays.
// The cross-table parts (renames, foreign-key order and deferral, enums) are always recomputed.
import type { TableSchema } from '../schema/types';
import type { ColumnChanges } from './columns';
import type { ConstraintChanges } from './constraints';
import type { Change } from './types';

interface KeptTable {
  name: string;
  before: TableSchema;
  enums: string;
  columns: ColumnChanges;
  constraints: ConstraintChanges;
}

interface WholeTable {
  name: string;
  change: Change;
}

export class DiffMemo {
  /** Keyed on the models' table. */
  private readonly kept = new WeakMap<TableSchema, KeptTable>();
  private readonly created = new WeakMap<TableSchema, WholeTable>();
  /** Keyed on the head's table. */
  private readonly dropped = new WeakMap<TableSchema, WholeTable>();

  /** The stored diff of a kept table, when it was made from these same objects (and enum names). */
  keptTable(name: string, before: TableSchema, after: TableSchema, enums: string): { columns: ColumnChanges; constraints: ConstraintChanges } | null {
    const known = this.kept.get(after);
    return known && known.name === name && known.before === before && known.enums === enums ? known : null;
  }

  storeKept(
    name: string,
    before: TableSchema,
    after: TableSchema,
    enums: string,
    diff: { columns: ColumnChanges; constraints: ConstraintChanges },
  ): { columns: ColumnChanges; constraints: ConstraintChanges } {
    this.kept.set(after, { name, before, enums, ...diff });
    return diff;
  }

  createdTable(name: string, table: TableSchema, make: () => Change): Change {
    return whole(this.created, name, table, make);
  }

  droppedTable(name: string, table: TableSchema, make: () => Change): Change {
    return whole(this.dropped, name, table, make);
  }
}

function whole(map: WeakMap<TableSchema, WholeTable>, name: string, table: TableSchema, make: () => Change): Change {
  const known = map.get(table);
  if (known && known.name === name) return known.change;
  const change = make();
  map.set(table, { name, change });
  return change;
}
