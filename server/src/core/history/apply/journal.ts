// Undoing the ops of one revision, as PostgreSQL's transaction does when a later step of the same
// revision fails. Before each op the tables it may change are copied (only in revisions holding a
// step PostgreSQL might refuse: copying for every op would slow a 5,000-revision replay); undo puts
// every copy back, newest first, into the same table objects so other references stay valid.
import type { MigrationOp } from '../../schema/ops';
import type { Schema, TableSchema } from '../../schema/types';
import { tableEntries, tablesChanged } from './tableList';

interface Entry {
  /** Table name → the object there before the op (undefined: no such table) and a copy of its contents. */
  tables: Map<string, { object: TableSchema | undefined; copy: TableSchema | undefined }>;
  /** The tables record before a rename (applyRenameTable builds a new one). */
  record?: Schema['tables'];
  enums?: Schema['enums'];
}

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
      return op.table !== null ? [op.table] : tableEntries(schema).flatMap(([name, t]) => (t.indexes.some((i) => i.name === op.name) ? [name] : []));
    case 'createEnum':
    case 'dropEnum':
    case 'addEnumValue':
    case 'executeSql':
      return [];
    default:
      return [op.table];
  }
}

export class RevisionJournal {
  private readonly entries: Entry[] = [];

  /** Call just before applying `op` to `schema`. */
  record(schema: Schema, op: MigrationOp): void {
    const entry: Entry = { tables: new Map() };
    for (const name of touchedTables(schema, op)) {
      if (entry.tables.has(name)) continue;
      const object = Object.hasOwn(schema.tables, name) ? schema.tables[name] : undefined;
      entry.tables.set(name, { object, copy: object ? structuredClone(object) : undefined });
    }
    if (op.kind === 'renameTable') entry.record = schema.tables;
    if (op.kind === 'createEnum' || op.kind === 'dropEnum' || op.kind === 'addEnumValue') entry.enums = structuredClone(schema.enums);
    this.entries.push(entry);
  }

  /** Puts the schema back as it was before the first recorded op. */
  undo(schema: Schema): void {
    for (const entry of this.entries.reverse()) {
      if (entry.record) schema.tables = entry.record;
      for (const [name, { object, copy }] of entry.tables) {
        if (!object || !copy) {
          delete schema.tables[name];
          continue;
        }
        Object.assign(object, copy);
        schema.tables[name] = object;
      }
      if (entry.enums) schema.enums = entry.enums;
    }
    this.entries.length = 0;
    tablesChanged(schema);
  }
}
