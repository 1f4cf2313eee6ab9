// PostgreSQL checks a foreign key's pair of types again at every ALTER COLUMN ... TYPE of either of its
// columns, and refuses an alter that leaves the pair incompatible even for a moment: changing users.id
// and posts.user_id from integer to varchar, one after the other, fails at the first (see
// history/apply/fkTypes.ts, measured on PostgreSQL 15). Alembic's autogenerate writes the alters alone.
// Here each foreign key one of the revision's type changes would break is dropped before the first of
// those changes and created again after the last, as PostgreSQL needs; downgrade gets the same, the
// other way round. A key whose final pair PostgreSQL refuses too (the models pair incompatible types)
// is still re-created, and named, so the user knows the revision will fail there.
import { foreignKeyPairs } from '../history/apply/fkTypes';
import type { MigrationOp } from '../schema/ops';
import type { ForeignKeySchema, Schema } from '../schema/types';

export interface ForeignKeyRewrap {
  ops: MigrationOp[];
  /** Foreign keys dropped and re-created around the type changes, as "table.name". */
  wrapped: string[];
  /** Foreign keys whose final types PostgreSQL refuses to pair: "table.name (t.c type → r.k type)". */
  refused: string[];
}

interface Candidate {
  table: string;
  fk: ForeignKeySchema;
}

const key = (table: string, column: string) => `${table}\u0000${column}`;

function involves(c: Candidate, table: string, column: string): boolean {
  return (c.table === table && c.fk.columns.includes(column)) || (c.fk.refTable === table && c.fk.refColumns.includes(column));
}

/** The first pair PostgreSQL refuses, as text, or null when every pair is accepted (or unknown). */
function refusedPair(c: Candidate, types: Map<string, string>): string | null {
  for (let i = 0; i < c.fk.columns.length; i++) {
    const column = c.fk.columns[i] as string;
    const keyColumn = c.fk.refColumns[i];
    if (keyColumn === undefined) continue;
    const referencing = types.get(key(c.table, column));
    const keyType = types.get(key(c.fk.refTable, keyColumn));
    if (referencing !== undefined && keyType !== undefined && foreignKeyPairs(keyType, referencing) === false)
      return `${c.table}.${column} ${referencing} -> ${c.fk.refTable}.${keyColumn} ${keyType}`;
  }
  return null;
}

/** `ops` run on `start` and lead to `end`. */
export function aroundForeignKeyTypeChanges(ops: MigrationOp[], start: Schema, end: Schema): ForeignKeyRewrap {
  const none = { ops, wrapped: [], refused: [] };
  if (!ops.some((op) => op.kind === 'alterColumn' && op.type !== undefined)) return none;
  const types = new Map<string, string>();
  for (const [name, table] of Object.entries(start.tables)) for (const [column, def] of Object.entries(table.columns)) types.set(key(name, column), def.type);
  // Keys this revision drops itself (the diff drops foreign keys first) need nothing more.
  const dropped = new Set(ops.flatMap((op) => (op.kind === 'dropConstraint' && op.type !== 'unique' && op.type !== 'check' ? [key(op.table, op.name)] : [])));
  const candidates: Candidate[] = Object.entries(start.tables).flatMap(([table, t]) =>
    t.foreignKeys.filter((fk) => !dropped.has(key(table, fk.name))).map((fk) => ({ table, fk })),
  );
  const broken = new Set<Candidate>();
  ops.forEach((op) => {
    if (op.kind !== 'alterColumn' || op.type === undefined) return;
    types.set(key(op.table, op.column), op.type);
    for (const c of candidates) if (!broken.has(c) && involves(c, op.table, op.column) && refusedPair(c, types) !== null) broken.add(c);
  });
  if (broken.size === 0) return none;
  const touches = (op: MigrationOp) => op.kind === 'alterColumn' && op.type !== undefined && [...broken].some((c) => involves(c, op.table, op.column));
  const first = ops.findIndex(touches);
  const last = ops.length - 1 - [...ops].reverse().findIndex(touches);
  const wrapped = [...broken];
  const drops: MigrationOp[] = wrapped.map((c) => ({ kind: 'dropConstraint', table: c.table, name: c.fk.name, type: 'foreignkey' }));
  const recreated = wrapped.map((c) => ({ table: c.table, fk: end.tables[c.table]?.foreignKeys.find((f) => f.name === c.fk.name) ?? c.fk }));
  const creates: MigrationOp[] = recreated.map((c) => ({ kind: 'createForeignKey', table: c.table, foreignKey: c.fk }));
  const refused = recreated.flatMap((c) => {
    const pair = refusedPair(c, types);
    return pair === null ? [] : [`${c.table}.${c.fk.name} (${pair})`];
  });
  return {
    ops: [...ops.slice(0, first), ...drops, ...ops.slice(first, last + 1), ...creates, ...ops.slice(last + 1)],
    wrapped: wrapped.map((c) => `${c.table}.${c.fk.name}`),
    refused,
  };
}
