// The names PostgreSQL chooses for what a revision leaves unnamed, when the usual one is taken.
// A renamed table keeps its constraint, index and sequence names (member → person keeps member_pkey
// and member_id_seq), so a new "member" gets member_pkey1 and member_id_seq1: PostgreSQL tries the
// label with 1, 2, … (ChooseRelationName / ChooseConstraintName). Index-backed constraints (primary
// keys, uniques) and sequences share the relation namespace of the schema; every constraint name is
// also kept unique across the schema. A name the file writes is never changed (a taken one is a
// conflict); a name equal to PostgreSQL's own choice is taken for one PostgreSQL chose.
import { checkColumnName, makeObjectName } from '../../schema/naming';
import type { Schema, TableSchema } from '../../schema/types';
import { nextvalDefault, sequenceOfDefault } from '../../render/sqlNames';
import { checkName, foreignKeyName, primaryKeyName, sequenceName, uniqueName } from '../replay/pgNames';
import { schemaOfKey } from '../../schema/tableKey';

interface Taken {
  /** Indexes (those of primary keys and uniques too) and sequences (a table named like one is not looked for). */
  relations: Set<string>;
  /** Every constraint name in the schema. */
  constraints: Set<string>;
}

/**
 * Which tables hold names PostgreSQL made for another table name: a table renamed from "member" to
 * "person" keeps member_pkey and member_id_seq, so names chosen for a new "member" are looked up in
 * "person" (and in the table itself, for a column rename). Every other implicit name starts with its
 * own table's name, so no other table is searched: listing every name of every table per create_table
 * made a 5,000-revision replay several times slower. Not covered: an explicit name equal to another
 * table's implicit one, and a table name that is a prefix of another's.
 */
const heldFor = new WeakMap<Schema, Map<string, Set<string>>>();

/** rename_table(from, to) just ran: `to` holds what was made for `from` (and for whatever `from` held). */
export function noteRename(schema: Schema, to: string, from: string): void {
  let held = heldFor.get(schema);
  if (!held) heldFor.set(schema, (held = new Map()));
  for (const tables of held.values()) if (tables.delete(from)) tables.add(to);
  const tables = held.get(from) ?? new Set<string>();
  tables.add(to);
  held.set(from, tables);
}

/** The names in use where a name PostgreSQL chooses for `table` could be taken (see heldFor). */
function takenNames(schema: Schema, table: string, sequencesOf: string | null): Taken {
  const relations = new Set<string>();
  const constraints = new Set<string>();
  const searched = [table, ...(heldFor.get(schema)?.get(table) ?? [])];
  for (const name of new Set(searched)) {
    const table = Object.hasOwn(schema.tables, name) ? schema.tables[name] : undefined;
    if (!table) continue;
    if (table.primaryKey) {
      relations.add(table.primaryKey.name);
      constraints.add(table.primaryKey.name);
    }
    for (const u of table.uniques) {
      relations.add(u.name);
      constraints.add(u.name);
    }
    for (const i of table.indexes) relations.add(i.name);
    for (const f of table.foreignKeys) constraints.add(f.name);
    for (const c of table.checks) constraints.add(c.name);
    if (sequencesOf === null) continue;
    for (const column of Object.values(table.columns)) {
      // Only a nextval default can hold a sequence; skip the regex for every other column.
      if (!column.default?.startsWith('nextval(')) continue;
      const sequence = sequenceOfDefault(column.default);
      if (sequence !== null) relations.add(sequence);
    }
  }
  return { relations, constraints };
}

/** PostgreSQL's pick: `label`, then `label1`, `label2`… until the name is free in `used`. */
function freeName(name1: string, name2: string | null, label: string, used: Set<string>, also?: Set<string>): string {
  for (let pass = 0; ; pass++) {
    const name = makeObjectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
    if (!used.has(name) && !also?.has(name)) {
      used.add(name);
      also?.add(name);
      return name;
    }
  }
}

/** The column part of a CHECK's name when the name is PostgreSQL's own choice, else undefined. */
function checkPart(table: string, name: string, expression: string, columns: string[]): string | null | undefined {
  const part = checkColumnName(expression, columns);
  if (name === checkName(table, part)) return part;
  return columns.find((c) => name === checkName(table, c));
}

/** Renames, in the table a create_table is about to add, the names PostgreSQL would find taken. */
export function chooseFreeNames(schema: Schema, table: string, created: TableSchema): void {
  const columns = Object.keys(created.columns);
  const serials = columns.filter((c) => created.columns[c]?.default === nextvalDefault(sequenceName(table, c), schemaOfKey(table)));
  const taken = takenNames(schema, table, serials.length > 0 ? table : null);
  for (const column of serials) {
    const def = created.columns[column];
    if (def) def.default = nextvalDefault(freeName(table, column, 'seq', taken.relations), schemaOfKey(table));
  }
  for (const check of created.checks) {
    const part = checkPart(table, check.name, check.expression, columns);
    if (part !== undefined) check.name = freeName(table, part, 'check', taken.constraints);
  }
  if (created.primaryKey?.name === primaryKeyName(table)) created.primaryKey.name = freeName(table, null, 'pkey', taken.relations, taken.constraints);
  for (const key of created.uniques)
    if (key.name === uniqueName(table, key.columns)) key.name = freeName(table, key.columns.join('_'), 'key', taken.relations, taken.constraints);
  for (const fk of created.foreignKeys)
    if (fk.name === foreignKeyName(table, fk.columns)) fk.name = freeName(table, fk.columns.join('_'), 'fkey', taken.constraints);
}

type AddedConstraint = { kind: 'unique' | 'primary'; columns: string[] } | { kind: 'foreignkey'; columns: string[] } | { kind: 'check'; expression: string };

/** The name an ADD CONSTRAINT ends with: the written one, or PostgreSQL's free pick when it is PostgreSQL's own choice. */
export function freeConstraintName(schema: Schema, table: string, found: TableSchema, name: string, added: AddedConstraint): string {
  switch (added.kind) {
    case 'primary': {
      if (name !== primaryKeyName(table)) return name;
      const taken = takenNames(schema, table, null);
      return freeName(table, null, 'pkey', taken.relations, taken.constraints);
    }
    case 'unique': {
      if (name !== uniqueName(table, added.columns)) return name;
      const taken = takenNames(schema, table, null);
      return freeName(table, added.columns.join('_'), 'key', taken.relations, taken.constraints);
    }
    case 'foreignkey':
      return name === foreignKeyName(table, added.columns)
        ? freeName(table, added.columns.join('_'), 'fkey', takenNames(schema, table, null).constraints)
        : name;
    case 'check': {
      const part = checkPart(table, name, added.expression, Object.keys(found.columns));
      return part === undefined ? name : freeName(table, part, 'check', takenNames(schema, table, null).constraints);
    }
  }
}
