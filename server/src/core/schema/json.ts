// The normalized schema JSON of the CLI contract (ARCHITECTURE.md): no constraint names,
// every key and list in canonical order, so that two schemas compare with a plain text diff.
import type { Schema, TableSchema } from './types';

export interface ColumnJson {
  type: string;
  nullable: boolean;
  default: string | null;
}

export interface TableJson {
  columns: Record<string, ColumnJson>;
  primaryKey: string[];
  uniques: string[][];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[]; onDelete: string | null }[];
  checks: string[];
}

export interface SchemaJson {
  tables: Record<string, TableJson>;
  enums: Record<string, string[]>;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortedRecord<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const name of Object.keys(record).sort()) out[name] = map(record[name] as T);
  return out;
}

function tableToJson(table: TableSchema): TableJson {
  return {
    columns: sortedRecord(table.columns, (c) => ({ type: c.type, nullable: c.nullable, default: c.default })),
    primaryKey: table.primaryKey ? [...table.primaryKey.columns] : [],
    uniques: table.uniques.map((u) => [...u.columns]).sort((a, b) => compareText(a.join(','), b.join(','))),
    indexes: table.indexes.map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique })).sort((a, b) => compareText(a.name, b.name)),
    foreignKeys: table.foreignKeys
      .map((f) => ({ columns: [...f.columns], refTable: f.refTable, refColumns: [...f.refColumns], onDelete: f.onDelete }))
      .sort((a, b) => compareText(`${a.columns.join(',')}>${a.refTable}`, `${b.columns.join(',')}>${b.refTable}`)),
    checks: table.checks.map((c) => canonicalCheckExpression(c.expression)).sort(),
  };
}

/** The contract form of a schema. Primary-key and column-list order is kept: it is meaningful. */
export function schemaToJson(schema: Schema): SchemaJson {
  return {
    tables: sortedRecord(schema.tables, tableToJson),
    enums: sortedRecord(schema.enums, (labels) => [...labels]),
  };
}

export function formatSchemaJson(schema: Schema): string {
  return JSON.stringify(schemaToJson(schema), null, 2);
}

/**
 * A comparison key for CHECK expressions. PostgreSQL re-prints what it is given
 * ("price > 0" comes back as "(price > 0)", literals gain casts), so both sides are reduced
 * to one spelling: no CHECK keyword, no casts, no parentheses, single spaces, lower-case outside quotes.
 */
export function canonicalCheckExpression(sql: string): string {
  const text = sql
    .trim()
    .replace(/^check\s*/i, '')
    // PostgreSQL prints a negative number as a quoted literal with a cast: '-1'::integer.
    .replace(/'(-?\d+(?:\.\d+)?)'::(?:integer|bigint|smallint|numeric|double precision|real)\b/gi, '$1')
    // A cast swallows the space after it ("x::text <> y"): leave one in its place.
    .replace(/::[a-z_][a-z0-9_ ]*(\([0-9, ]*\))?(\[\])?/gi, ' ');
  let out = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch !== '(' && ch !== ')') {
      out += ch.toLowerCase();
    }
  }
  return (
    out
      .replace(/\s+/g, ' ')
      .replace(/ ?, ?/g, ', ')
      .trim()
      // PostgreSQL stores `x IN (a, b)` as `x = ANY (ARRAY[a, b])` and `x NOT IN (…)` as `x <> ALL (ARRAY[…])`.
      .replace(/ = any array\[ ?([^\]]*?) ?\]/g, ' in $1')
      .replace(/ <> all array\[ ?([^\]]*?) ?\]/g, ' not in $1')
  );
}
