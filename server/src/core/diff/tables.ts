// Whole tables: created (in foreign-key order, each followed by its indexes) and dropped
// (in reverse order, indexes first), each with the exact inverse for downgrade.
import type { ColumnDef, CreateTableOp, MigrationOp } from '../schema/ops';
import type { Schema, TableSchema } from '../schema/types';
import type { Change } from './types';

export function createTableOp(name: string, table: TableSchema): CreateTableOp {
  const columns: ColumnDef[] = Object.entries(table.columns).map(([columnName, c]) => ({ name: columnName, ...structuredClone(c) }));
  return {
    kind: 'createTable',
    table: name,
    columns,
    primaryKey: table.primaryKey ? structuredClone(table.primaryKey) : null,
    uniques: structuredClone(table.uniques),
    foreignKeys: structuredClone(table.foreignKeys),
    checks: structuredClone(table.checks),
  };
}

const createIndexOps = (name: string, table: TableSchema): MigrationOp[] =>
  table.indexes.map((index) => ({ kind: 'createIndex', table: name, index: structuredClone(index) }));

const dropIndexOps = (name: string, table: TableSchema): MigrationOp[] => table.indexes.map((index) => ({ kind: 'dropIndex', table: name, name: index.name }));

/**
 * Table names so that every table comes after the tables it references (among `names`).
 * Cycles fall back to name order for the tables involved.
 */
export function foreignKeyOrder(schema: Schema, names: string[]): string[] {
  const wanted = new Set(names);
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: string[] = [];
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) return;
    visiting.add(name);
    const table = schema.tables[name];
    for (const fk of table?.foreignKeys ?? []) if (wanted.has(fk.refTable) && fk.refTable !== name) visit(fk.refTable);
    visiting.delete(name);
    done.add(name);
    out.push(name);
  };
  for (const name of [...names].sort()) visit(name);
  return out;
}

/** A new table's change: CREATE TABLE and its indexes, dropped again on downgrade. */
export function createTableChange(name: string, table: TableSchema): Change {
  return {
    kind: 'createTable',
    table: name,
    tableDef: structuredClone(table),
    onExistingTable: false,
    upgrade: [createTableOp(name, table), ...createIndexOps(name, table)],
    downgrade: [...dropIndexOps(name, table), { kind: 'dropTable', table: name }],
  } satisfies Change;
}

/** A dropped table's change: its indexes and the table go; downgrade creates it again whole. */
export function dropTableChange(name: string, table: TableSchema): Change {
  return {
    kind: 'dropTable',
    table: name,
    tableDef: structuredClone(table),
    onExistingTable: true,
    upgrade: [...dropIndexOps(name, table), { kind: 'dropTable', table: name }],
    downgrade: [createTableOp(name, table), ...createIndexOps(name, table)],
  } satisfies Change;
}

type TableChangeMaker = (name: string, table: TableSchema) => Change;

export function createTableChanges(to: Schema, names: string[], make: TableChangeMaker = createTableChange): Change[] {
  return foreignKeyOrder(to, names).map((name) => make(name, to.tables[name] as TableSchema));
}

export function dropTableChanges(from: Schema, names: string[], make: TableChangeMaker = dropTableChange): Change[] {
  return foreignKeyOrder(from, names)
    .reverse()
    .map((name) => make(name, from.tables[name] as TableSchema));
}
