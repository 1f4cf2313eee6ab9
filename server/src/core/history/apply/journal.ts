// Undoing the ops of one revision, as PostgreSQL's transaction does when a later step of the same
// revision fails. The first time an op of the revision may change a table, the table is copied (only
// in revisions holding a step PostgreSQL might refuse: copying for every op would slow a
// 5,000-revision replay); undo puts each copy back into the same table object, so other references
// stay valid, and the tables record as it was before the revision's first rename.
import type { MigrationOp } from '../../schema/ops';
import type { Schema, TableSchema } from '../../schema/types';
import { tableEntries, tablesChanged } from './tableList';
import { schemaOfKey } from '../../schema/tableKey';

/** Whether an op is one of the steps PostgreSQL may refuse whatever the data (see apply/tables.ts). */
export function mayBeRefused(op: MigrationOp): boolean {
  switch (op.kind) {
    case 'alterColumn':
      return op.type !== undefined;
    case 'addColumn':
      return op.enumLabels !== undefined;
    case 'createTable':
      return op.enumTypes !== undefined;
    case 'dropTable':
    case 'executeSql':
      return true;
    default:
      return false;
  }
}

const referencing = (schema: Schema, table: string) =>
  tableEntries(schema)
    .filter(([, t]) => t.foreignKeys.some((fk) => fk.refTable === table))
    .map(([name]) => name);

/** The tables an op may change (other tables' foreign keys follow a renamed table or column). */
function touchedTables(schema: Schema, op: MigrationOp): string[] {
  switch (op.kind) {
    case 'renameTable':
      return [op.from, op.to, ...referencing(schema, op.from)];
    case 'alterColumn':
      return op.newName !== undefined ? [op.table, ...referencing(schema, op.table)] : [op.table];
    case 'dropIndex':
      return op.table !== null
        ? [op.table]
        : tableEntries(schema).flatMap(([name, t]) => (schemaOfKey(name) === (op.schema ?? null) && t.indexes.some((i) => i.name === op.name) ? [name] : []));
    case 'createEnum':
    case 'dropEnum':
    case 'addEnumValue':
    case 'executeSql':
      return [];
    default:
      return [op.table];
  }
}

/** A deep copy of a table (by hand: structuredClone per table made the journal the replay's hot spot). */
function copyTable(table: TableSchema): TableSchema {
  const columns: TableSchema['columns'] = {};
  for (const name in table.columns) columns[name] = { ...(table.columns[name] as TableSchema['columns'][string]) };
  return {
    columns,
    primaryKey: table.primaryKey ? { name: table.primaryKey.name, columns: [...table.primaryKey.columns] } : null,
    uniques: table.uniques.map((u) => ({ name: u.name, columns: [...u.columns] })),
    indexes: table.indexes.map((i) => ({ ...i, columns: [...i.columns] })),
    foreignKeys: table.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] })),
    checks: table.checks.map((c) => ({ ...c })),
  };
}

export class RevisionJournal {
  /** Each table name the revision touched → the object there before its first touch (undefined: none) and a copy. */
  private readonly tables = new Map<string, { object: TableSchema | undefined; copy: TableSchema | undefined }>();
  /** The tables record before the revision's first rename (applyRenameTable builds a new one). */
  private tablesBefore: Schema['tables'] | null = null;
  private enums: Schema['enums'] | null = null;

  /** Call just before applying `op` to `schema`: copies what the op may change, once per revision. */
  record(schema: Schema, op: MigrationOp): void {
    for (const name of touchedTables(schema, op)) {
      if (this.tables.has(name)) continue;
      const object = Object.hasOwn(schema.tables, name) ? schema.tables[name] : undefined;
      this.tables.set(name, { object, copy: object ? copyTable(object) : undefined });
    }
    if (op.kind === 'renameTable' && this.tablesBefore === null) this.tablesBefore = schema.tables;
    if ((op.kind === 'createEnum' || op.kind === 'dropEnum' || op.kind === 'addEnumValue') && this.enums === null) this.enums = structuredClone(schema.enums);
  }

  /** Puts the schema back as it was before the first recorded op (a dropped table comes back last in key order). */
  undo(schema: Schema): void {
    if (this.tablesBefore) schema.tables = this.tablesBefore;
    for (const [name, { object, copy }] of this.tables) {
      if (!object || !copy) {
        delete schema.tables[name];
        continue;
      }
      Object.assign(object, copy);
      schema.tables[name] = object;
    }
    if (this.enums) schema.enums = this.enums;
    this.tables.clear();
    this.tablesBefore = null;
    this.enums = null;
    tablesChanged(schema);
  }
}
