// How a table outside the default PostgreSQL schema is keyed: "<schema>.<table>". A table in the
// default schema (no schema, or "public") keeps its bare name, so every single-schema project keys
// its tables exactly as before. Everything keyed by table (replay, models, diff, apply) just uses the
// key; only what writes a name out (revision Python, SQL, introspection, row counts) splits it.
// The first dot separates: a default-schema table whose own name holds a dot would read as qualified.
import type { MigrationOp } from './ops';

/** PostgreSQL's default schema (Alembic treats a model's `schema="public"` as the default too). */
export const DEFAULT_SCHEMA = 'public';

export function tableKey(name: string, schema: string | null | undefined): string {
  return schema === null || schema === undefined || schema === '' || schema === DEFAULT_SCHEMA ? name : `${schema}.${name}`;
}

export interface SplitTableKey {
  /** null for the default schema. */
  schema: string | null;
  name: string;
}

export function splitTableKey(key: string): SplitTableKey {
  const dot = key.indexOf('.');
  if (dot <= 0 || dot === key.length - 1) return { schema: null, name: key };
  return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** The table's own name, without its schema: what PostgreSQL and SQLAlchemy build constraint names from. */
export function bareTableName(key: string): string {
  return key.includes('.') ? splitTableKey(key).name : key;
}

export function schemaOfKey(key: string): string | null {
  return key.includes('.') ? splitTableKey(key).schema : null;
}

/** A key moved into another schema (op.rename_table keeps the schema; names in ops are bare). */
export function withSchemaOf(key: string, name: string): string {
  return tableKey(name, schemaOfKey(key));
}

/** The non-default schemas the tables of these ops live in (what introspection must read besides the default one). */
export function schemasOfOps(ops: Iterable<MigrationOp>): string[] {
  const found = new Set<string>();
  const add = (key: string | null | undefined) => {
    const schema = key ? schemaOfKey(key) : null;
    if (schema !== null) found.add(schema);
  };
  for (const op of ops) {
    if ('table' in op) add(op.table);
    if (op.kind === 'renameTable') add(op.to);
    if (op.kind === 'createTable') for (const fk of op.foreignKeys) add(fk.refTable);
    if (op.kind === 'createForeignKey') add(op.foreignKey.refTable);
    if (op.kind === 'dropIndex' && op.schema) found.add(op.schema);
  }
  return [...found].sort();
}
