// The tables of the schema a replay is running on, as one array kept from op to op. Some ops look at
// every table (an index name is unique in the whole schema; a foreign key may point at a renamed
// column), and a schema of a thousand tables is a dictionary-mode object that V8 enumerates slowly:
// listing it afresh per op made a 5,000-revision replay take seconds. The array lives only while a
// replay runs (nothing else can touch the schema then) and is dropped whenever a table is added,
// removed or replaced (tablesChanged, called by those ops).
import type { Schema, TableSchema } from '../../schema/types';

interface Active {
  schema: Schema;
  tables: Schema['tables'] | null;
  entries: [string, TableSchema][];
}

let active: Active | null = null;

/** Runs a replay over `schema` with the table list kept between its ops. */
export function duringReplay<T>(schema: Schema, run: () => T): T {
  const saved = active;
  active = { schema, tables: null, entries: [] };
  try {
    return run();
  } finally {
    active = saved;
  }
}

/** [name, table] of every table (do not modify the array). */
export function tableEntries(schema: Schema): readonly [string, TableSchema][] {
  if (active?.schema !== schema) return Object.entries(schema.tables);
  if (active.tables !== schema.tables) {
    active.entries = Object.entries(schema.tables);
    active.tables = schema.tables;
  }
  return active.entries;
}

/** Anything else changed the set of tables (a rename rebuilds the record): the list is made again when next needed. */
export function tablesChanged(schema: Schema): void {
  if (active?.schema === schema) active.tables = null;
}

/** A list still matching `schema`, or null (then there is nothing to keep up to date). */
function current(schema: Schema): Active | null {
  return active?.schema === schema && active.tables === schema.tables ? active : null;
}

/** `schema.tables[name] = table` just ran. Kept in Object.entries order: a new name goes last, a replaced one stays where it was. */
export function tableSet(schema: Schema, name: string, table: TableSchema): void {
  const list = current(schema);
  if (!list) return;
  // Integer-like keys are enumerated first, in numeric order: let the list be made again.
  if (/^(0|[1-9]\d*)$/.test(name)) return tablesChanged(schema);
  const at = list.entries.findIndex(([n]) => n === name);
  if (at >= 0) list.entries[at] = [name, table];
  else list.entries.push([name, table]);
}

/** `delete schema.tables[name]` just ran. */
export function tableDeleted(schema: Schema, name: string): void {
  const list = current(schema);
  if (!list) return;
  const at = list.entries.findIndex(([n]) => n === name);
  if (at >= 0) list.entries.splice(at, 1);
}
