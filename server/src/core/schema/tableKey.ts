// How a table outside the default PostgreSQL schema is keyed: "<schema>.<table>". A table in the
// default schema (no schema, or "public") keeps its bare name, so every single-schema project keys
// its tables exactly as before. Everything keyed by table (replay, models, diff, apply) just uses the
// key; only what writes a name out (revision Python, SQL, introspection, row counts) splits it.
// A part holding a dot (or starting with a double quote) is written double-quoted in the key, as
// PostgreSQL would write it (`"weird.name"`, `audit."t.x"`), so a default-schema table whose own name
// holds a dot never reads as schema-qualified. Every other key is exactly as before.
import type { MigrationOp } from './ops';

/** PostgreSQL's default schema (Alembic treats a model's `schema="public"` as the default too). */
export const DEFAULT_SCHEMA = 'public';

/** A key part as written: double-quoted when a dot (or a leading quote) would make it ambiguous. */
function keyPart(part: string): string {
  return part.includes('.') || part.startsWith('"') ? `"${part.replace(/"/g, '""')}"` : part;
}

export function tableKey(name: string, schema: string | null | undefined): string {
  const inDefault = schema === null || schema === undefined || schema === '' || schema === DEFAULT_SCHEMA;
  return inDefault ? keyPart(name) : `${keyPart(schema)}.${keyPart(name)}`;
}

export interface SplitTableKey {
  /** null for the default schema. */
  schema: string | null;
  name: string;
}

/** A quoted part starting at `from` (at its opening quote): its text and where it ends; null when unterminated. */
function quotedPart(key: string, from: number): { text: string; end: number } | null {
  let text = '';
  for (let i = from + 1; i < key.length; i++) {
    if (key[i] !== '"') text += key[i];
    else if (key[i + 1] === '"') {
      text += '"';
      i++;
    } else return { text, end: i + 1 };
  }
  return null;
}

export function splitTableKey(key: string): SplitTableKey {
  let first: string;
  let rest: number;
  if (key.startsWith('"')) {
    const quoted = quotedPart(key, 0);
    if (!quoted) return { schema: null, name: key };
    if (quoted.end === key.length) return { schema: null, name: quoted.text };
    if (key[quoted.end] !== '.') return { schema: null, name: key };
    first = quoted.text;
    rest = quoted.end + 1;
  } else {
    const dot = key.indexOf('.');
    if (dot <= 0 || dot === key.length - 1) return { schema: null, name: key };
    first = key.slice(0, dot);
    rest = dot + 1;
  }
  const quotedName = key[rest] === '"' ? quotedPart(key, rest) : null;
  const name = quotedName && quotedName.end === key.length ? quotedName.text : key.slice(rest);
  return { schema: first, name };
}

/** The table's own name, without its schema: what PostgreSQL and SQLAlchemy build constraint names from. */
export function bareTableName(key: string): string {
  return plainKey(key) ? key : splitTableKey(key).name;
}

export function schemaOfKey(key: string): string | null {
  return plainKey(key) ? null : splitTableKey(key).schema;
}

/** A key that is the table's own name (no dot, no quote): the common case, kept off the split. */
const plainKey = (key: string) => !key.includes('.') && !key.startsWith('"');

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
