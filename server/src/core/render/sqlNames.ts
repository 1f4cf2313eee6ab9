// Identifier and literal quoting for PostgreSQL, and the small facts about types that SQL rendering needs.
import { splitTableKey } from '../schema/tableKey';

/** Always double-quotes: `user` is reserved, and mixed-case names must keep their case. */
/** The enum type names known at a point of the history (a Set, or the SQL renderer's tracker). */
export interface EnumNames {
  has(name: string): boolean;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const SERIAL_FOR: Record<string, string> = { integer: 'SERIAL', bigint: 'BIGSERIAL', smallint: 'SMALLSERIAL' };

/**
 * A sequence default as pg_get_expr prints it: `nextval('user_id_seq'::regclass)`. The name is a
 * regclass (double-quoted unless plain lower-case) inside a SQL literal (single quotes doubled), so a
 * crafted table name stays one name and never becomes SQL.
 */
export function nextvalDefault(sequence: string, schema: string | null = null): string {
  const part = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name));
  // Outside the search path (another schema) pg_get_expr qualifies the sequence.
  const regclass = schema === null ? part(sequence) : `${part(schema)}.${part(sequence)}`;
  return `nextval(${quoteLiteral(regclass)}::regclass)`;
}

/** A table key ("t" or "<schema>.t", see schema/tableKey.ts) as a SQL name: `"t"` or `"x"."t"`. */
export function quoteTable(key: string): string {
  const { schema, name } = splitTableKey(key);
  return schema === null ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** `nextval('user_id_seq'::regclass)` → `user_id_seq` (the inverse of nextvalDefault); null for any other default. */
export function sequenceOfDefault(defaultExpr: string | null | undefined): string | null {
  if (!defaultExpr) return null;
  const match = /^nextval\('((?:[^']|'')+)'(?:::regclass)?\)$/.exec(defaultExpr.trim());
  if (!match) return null;
  const regclass = (match[1] as string).replace(/''/g, "'");
  const quoted = /^"((?:[^"]|"")*)"$/.exec(regclass);
  return quoted ? (quoted[1] as string).replace(/""/g, '"') : regclass;
}

/** SERIAL / BIGSERIAL / SMALLSERIAL for an integer column whose default draws from a sequence, else null. */
export function serialTypeFor(type: string, defaultExpr: string | null | undefined): string | null {
  return sequenceOfDefault(defaultExpr) !== null ? (SERIAL_FOR[type] ?? null) : null;
}

/** A type as DDL spells it: enum names are identifiers and get quoted; built-in type names pass through. */
export function typeSql(type: string, enumNames: EnumNames): string {
  const array = /^(.*?)((?:\[\])+)$/.exec(type);
  const base = array ? (array[1] as string) : type;
  const suffix = array ? (array[2] as string) : '';
  const bare = base.replace(/^"(.*)"$/, '$1');
  // An enum in another schema is keyed "audit.kind", as tables are.
  return enumNames.has(bare) ? `${quoteTable(bare)}${suffix}` : type;
}

type TypeCategory = 'numeric' | 'string' | 'datetime' | 'json' | 'other';

function categoryOf(type: string): TypeCategory {
  const t = type.toLowerCase();
  if (/^(smallint|integer|bigint|real|double precision|numeric(\(.*\))?|decimal(\(.*\))?)$/.test(t)) return 'numeric';
  if (/^(text|character varying(\(\d+\))?|character(\(\d+\))?|varchar(\(\d+\))?|char(\(\d+\))?)$/.test(t)) return 'string';
  if (/^(date|timestamp(\(\d\))? with(out)? time zone|time(\(\d\))? without time zone)$/.test(t)) return 'datetime';
  if (t === 'json' || t === 'jsonb') return 'json';
  return 'other';
}

/**
 * Whether `ALTER COLUMN ... TYPE new` needs a USING clause: PostgreSQL converts implicitly only
 * within a family (numbers, strings, date/times, json) and from anything to a string type.
 */
export function needsUsingCast(oldType: string, newType: string, enumNames: EnumNames): boolean {
  if (oldType === newType) return false;
  const newCategory = categoryOf(newType);
  if (newCategory === 'string' && !enumNames.has(newType)) return false;
  const oldCategory = categoryOf(oldType);
  if (enumNames.has(oldType) || enumNames.has(newType)) return true;
  return oldCategory === 'other' || oldCategory !== newCategory;
}

/** The USING expression converting a column to a new type (enum labels go through text). */
export function usingCast(column: string, oldType: string, newType: string, enumNames: EnumNames): string {
  const viaText = enumNames.has(oldType) || enumNames.has(newType) ? '::text' : '';
  return `${quoteIdent(column)}${viaText}::${typeSql(newType, enumNames)}`;
}
