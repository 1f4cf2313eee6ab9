// Whether a foreign key can pair a referencing column of one type with a referenced (key) column of
// another. PostgreSQL compares them with the key's equality operator, so the referencing type must be
// in the key type's operator family or cast to it implicitly; otherwise it refuses the constraint
// ("foreign key constraint ... cannot be implemented: Key columns ... are of incompatible types"),
// whatever the data. It checks again at every ALTER COLUMN ... TYPE of either column, so a type
// change that breaks the pair is refused outright. Measured on PostgreSQL 15 over every pair of the
// types below by server/test/db/pgFkTypes.test.ts. A type outside them gets no verdict (null).
import * as l10n from '@vscode/l10n';
import type { ColumnSchema, Schema, TableSchema } from '../../schema/types';
import { baseType } from './pgCasts';
import { tableEntries } from './tableList';

const INTEGERS = ['smallint', 'integer', 'bigint'];
const STRINGS = ['text', 'character varying', 'character'];
const DATETIMES = ['date', 'timestamp without time zone', 'timestamp with time zone'];

/** Key type → the referencing types PostgreSQL pairs with it (besides itself). */
const PAIRS: Record<string, string[]> = {
  smallint: INTEGERS,
  integer: INTEGERS,
  bigint: INTEGERS,
  numeric: [...INTEGERS, 'numeric'],
  real: [...INTEGERS, 'numeric', 'real', 'double precision'],
  'double precision': [...INTEGERS, 'numeric', 'real', 'double precision'],
  text: STRINGS,
  'character varying': STRINGS,
  character: STRINGS,
  date: DATETIMES,
  'timestamp without time zone': DATETIMES,
  'timestamp with time zone': DATETIMES,
  interval: ['interval', 'time without time zone'],
  'time without time zone': [],
  uuid: [],
  boolean: [],
  bytea: [],
  jsonb: [],
  inet: [],
};

/** True when a key of type `key` can be referenced by a column of type `referencing`, false when PostgreSQL refuses, null when unknown. */
export function foreignKeyPairs(key: string, referencing: string): boolean | null {
  const a = baseType(key);
  const b = baseType(referencing);
  if (!Object.hasOwn(PAIRS, a) || !Object.hasOwn(PAIRS, b)) return null;
  return a === b || (PAIRS[a] as string[]).includes(b);
}

/** The types the table covers, for the test that measures it on PostgreSQL. */
export const FK_TABLE_TYPES = Object.keys(PAIRS);

const MESSAGE = (table: string, column: string, to: string, fk: string, otherTable: string, otherColumn: string, otherType: string) =>
  l10n.t(
    '{0}.{1} would become {2} while foreign key "{3}" pairs it with {4}.{5} ({6}): PostgreSQL refuses this ALTER whatever the data, the key columns would be of incompatible types (drop the foreign key, change both columns, then create it again)',
    table,
    column,
    to,
    fk,
    otherTable,
    otherColumn,
    otherType,
  );

/** Why PostgreSQL refuses changing `table.column` to type `to` because of a foreign key on it or to it; null when no key objects. */
export function foreignKeyTypeRefusal(schema: Schema, tableName: string, found: TableSchema, column: string, to: string): string | null {
  const typeOf = (t: string, c: string): string | undefined => (schema.tables[t]?.columns[c] as ColumnSchema | undefined)?.type;
  // This column references a key elsewhere.
  for (const fk of found.foreignKeys) {
    const at = fk.columns.indexOf(column);
    const keyColumn = at >= 0 ? fk.refColumns[at] : undefined;
    if (keyColumn === undefined || (fk.refTable === tableName && keyColumn === column)) continue;
    const keyType = typeOf(fk.refTable, keyColumn);
    if (keyType !== undefined && foreignKeyPairs(keyType, to) === false) return MESSAGE(tableName, column, to, fk.name, fk.refTable, keyColumn, keyType);
  }
  // Other columns (of any table, this one too) reference this one.
  for (const [otherName, other] of tableEntries(schema)) {
    for (const fk of other.foreignKeys) {
      if (fk.refTable !== tableName) continue;
      for (let at = 0; at < fk.refColumns.length; at++) {
        const referencing = fk.columns[at];
        if (fk.refColumns[at] !== column || referencing === undefined || (otherName === tableName && referencing === column)) continue;
        const referencingType = typeOf(otherName, referencing);
        if (referencingType !== undefined && foreignKeyPairs(to, referencingType) === false)
          return MESSAGE(tableName, column, to, fk.name, otherName, referencing, referencingType);
      }
    }
  }
  return null;
}
