// Whether PostgreSQL can run `ALTER COLUMN ... TYPE new` with no USING clause: it converts the
// values (and the column's default) with an implicit or assignment cast, and refuses the statement
// outright, whatever the data and even on an empty table, when there is none ("column cannot be
// cast automatically"). Measured on PostgreSQL 15 over every pair of the types below by
// server/test/db/pgCasts.test.ts. A type outside them gets no verdict (null): never a false error.

const STRING = new Set(['text', 'character varying', 'character']);
const NUMBER = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);
/** Assignment casts between the other built-in types (besides any type → a string type). */
const OTHER_CASTS: Record<string, string[]> = {
  date: ['timestamp without time zone', 'timestamp with time zone'],
  'timestamp without time zone': ['date', 'timestamp with time zone', 'time without time zone'],
  'timestamp with time zone': ['date', 'timestamp without time zone', 'time without time zone', 'time with time zone'],
  'time without time zone': ['interval', 'time with time zone'],
  'time with time zone': ['time without time zone'],
  interval: ['time without time zone'],
  json: ['jsonb'],
  jsonb: ['json'],
  inet: ['cidr'],
  cidr: ['inet'],
  boolean: [],
  uuid: [],
  bytea: [],
};

/** The type without its length, precision or time precision: `character varying(20)` → `character varying`. */
export function baseType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s*\([\d\s,]*\)/g, '')
    .replace(/^varchar$/, 'character varying')
    .replace(/^(char|bpchar)$/, 'character');
}

function isKnown(base: string, enums: Readonly<Record<string, unknown>>): boolean {
  return STRING.has(base) || NUMBER.has(base) || Object.hasOwn(OTHER_CASTS, base) || Object.hasOwn(enums, base);
}

/**
 * True when PostgreSQL converts `from` to `to` without USING, false when it always refuses, null when
 * a type is not one this table knows (a custom or unresolved type). `enums`: the enum types that exist.
 */
export function castsWithoutUsing(from: string, to: string, enums: Readonly<Record<string, unknown>>): boolean | null {
  const a = baseType(from);
  const b = baseType(to);
  const arrayA = a.endsWith('[]');
  const arrayB = b.endsWith('[]');
  const elementA = arrayA ? a.slice(0, -2) : a;
  const elementB = arrayB ? b.slice(0, -2) : b;
  if (!isKnown(elementA, enums) || !isKnown(elementB, enums)) return null;
  if (a === b) return true;
  // Any type, arrays and enums included, goes to a string type through its text form.
  if (STRING.has(b)) return true;
  if (arrayA !== arrayB) return false;
  if (STRING.has(elementB)) return true;
  if (NUMBER.has(elementA) && NUMBER.has(elementB)) return true;
  if (elementA === elementB) return true;
  return OTHER_CASTS[elementA]?.includes(elementB) ?? false;
}

/** The types the table covers, for the test that measures it on PostgreSQL. */
export const CAST_TABLE_TYPES = [...STRING, ...NUMBER, ...Object.keys(OTHER_CASTS)];
