// Which drops and adds are renames. A pair is *unambiguous* — and a rename by default — when, in the
// same table (or among tables), the dropped one has exactly one added candidate of the same type
// family and that added one has exactly one dropped candidate, and no chained reading competes
// (a kept column of the table whose type moves from the added one's to the dropped one's). Anything
// else with candidates is *ambiguous*: left as drop + add, with every reading listed.
// docs/renames.md says the same in words for users.
import * as l10n from '@vscode/l10n';
import type { RenameChoice } from '../findings';
import type { ColumnSchema, TableSchema } from '../schema/types';
import { isUnresolvedType, normalizeType, sameType } from './compare';
import type { Change, ChangeOf } from './types';
import { schemaOfKey } from '../schema/tableKey';

export interface RenameCandidate {
  choice: RenameChoice;
  /** The drop and the add (or dropTable and createTable) it would replace. */
  dropped: Change;
  added: Change;
}

/** Several readings of the same drops and adds: nothing is assumed, the user chooses. */
export interface AmbiguousRename {
  kind: 'column' | 'table';
  /** For columns: their table. */
  table?: string;
  dropped: string[];
  added: string[];
  /** Each reading is the renames that make it (a chained reading has two). */
  readings: RenameChoice[][];
}

const FAMILIES: [RegExp, string][] = [
  [/^(character varying|varchar|character|char|bpchar|text|citext|name)\b/, 'text'],
  [/^(smallint|integer|bigint|int[248]?|serial|bigserial|smallserial)$/, 'integer'],
  [/^(numeric|decimal|real|double precision|float[48]?)\b/, 'number'],
  [/^(timestamp|date$)/, 'datetime'],
  [/^time\b/, 'time'],
  [/^(json|jsonb)$/, 'json'],
  [/^(boolean|bool)$/, 'boolean'],
  [/^bytea$/, 'binary'],
];

/**
 * The family a type belongs to: text, integer, number, datetime, time, json, boolean, binary;
 * arrays by their element's family; any other type (enums, uuid, interval…) is its own family.
 */
export function typeFamily(type: string): string {
  const t = normalizeType(type);
  if (t.endsWith('[]')) return `${typeFamily(t.slice(0, -2))}[]`;
  for (const [pattern, family] of FAMILIES) if (pattern.test(t)) return family;
  return t;
}

/** Same family; a type the models could not read is compared by presence only (as elsewhere in the diff). */
export function sameTypeFamily(a: string, b: string): boolean {
  return isUnresolvedType(a) || isUnresolvedType(b) || typeFamily(a) === typeFamily(b);
}

const columnsFit = (a: ColumnSchema, b: ColumnSchema) => sameTypeFamily(a.type, b.type);

/** Same column names, each of the same type family. */
function tablesFit(a: TableSchema, b: TableSchema): boolean {
  const names = Object.keys(a.columns).sort();
  const other = Object.keys(b.columns).sort();
  if (names.join('\u0000') !== other.join('\u0000')) return false;
  return names.every((n) => columnsFit(a.columns[n] as ColumnSchema, b.columns[n] as ColumnSchema));
}

interface Pairing {
  unambiguous: RenameCandidate[];
  ambiguous: AmbiguousRename[];
}

/**
 * The bipartite graph drop—add (edges: `fits`), cut into connected groups: a group of one edge is
 * a rename (unless `rival` offers another reading), anything bigger is ambiguous.
 */
function pairUp<D extends Change, A extends Change>(
  drops: D[],
  adds: A[],
  fits: (d: D, a: A) => boolean,
  single: (d: D, a: A) => RenameChoice,
  rival: (d: D, a: A) => RenameChoice[] | null,
  kind: 'column' | 'table',
  table?: string,
): Pairing {
  const out: Pairing = { unambiguous: [], ambiguous: [] };
  const seen = new Set<Change>();
  for (const start of drops) {
    if (seen.has(start)) continue;
    const groupDrops = new Set<D>();
    const groupAdds = new Set<A>();
    const queue: Change[] = [start];
    while (queue.length > 0) {
      const node = queue.pop() as Change;
      if (seen.has(node)) continue;
      seen.add(node);
      if (drops.includes(node as D)) {
        groupDrops.add(node as D);
        for (const a of adds) if (!seen.has(a) && fits(node as D, a)) queue.push(a);
      } else {
        groupAdds.add(node as A);
        for (const d of drops) if (!seen.has(d) && fits(d, node as A)) queue.push(d);
      }
    }
    if (groupAdds.size === 0) continue;
    const ds = [...groupDrops];
    const as = [...groupAdds];
    const readings: RenameChoice[][] = [];
    for (const d of ds) for (const a of as) if (fits(d, a)) readings.push([single(d, a)]);
    if (ds.length === 1 && as.length === 1) {
      const [d, a] = [ds[0] as D, as[0] as A];
      const chain = rival(d, a);
      if (!chain) {
        out.unambiguous.push({ choice: single(d, a), dropped: d, added: a });
        continue;
      }
      readings.push(chain);
    }
    const name = (c: Change) => (kind === 'column' ? (c.column as string) : (c.table as string));
    out.ambiguous.push({ kind, ...(table !== undefined ? { table } : {}), dropped: ds.map(name), added: as.map(name), readings });
  }
  return out;
}

/**
 * A chained reading of drop `d` + add `a` in one table: a kept column `k` whose type changes from
 * what `a` has to what `d` had reads as `k` → `a` and `d` → `k` (`name` → `slug` while `pretty_name` → `name`).
 */
function chainedReading(changes: Change[], d: ChangeOf<'dropColumn'>, a: ChangeOf<'addColumn'>): RenameChoice[] | null {
  const table = d.table;
  for (const k of changes) {
    if (k.kind !== 'alterColumn' || k.table !== table || !k.alteration.type) continue;
    if (sameType(k.columnBefore.type, a.columnAfter.type) && sameType(k.columnAfter.type, d.columnBefore.type)) {
      return [
        { kind: 'column', table, from: k.column, to: a.column },
        { kind: 'column', table, from: d.column, to: k.column },
      ];
    }
  }
  return null;
}

/** The renames a diff's drops and adds suggest: the unambiguous ones, and the groups with several readings. */
export function guessRenames(changes: Change[]): Pairing {
  const out: Pairing = { unambiguous: [], ambiguous: [] };
  const tableDrops = changes.filter((c): c is ChangeOf<'dropTable'> => c.kind === 'dropTable');
  const tableAdds = changes.filter((c): c is ChangeOf<'createTable'> => c.kind === 'createTable');
  const tables = pairUp(
    tableDrops,
    tableAdds,
    // A rename stays in its schema (ALTER TABLE … RENAME TO cannot move a table to another schema).
    (d, a) => schemaOfKey(d.table) === schemaOfKey(a.table) && tablesFit(d.tableDef, a.tableDef),
    (d, a) => ({ kind: 'table', from: d.table, to: a.table }),
    () => null,
    'table',
  );
  out.unambiguous.push(...tables.unambiguous);
  out.ambiguous.push(...tables.ambiguous);
  const byTable = new Map<string, { drops: ChangeOf<'dropColumn'>[]; adds: ChangeOf<'addColumn'>[] }>();
  for (const c of changes) {
    if (c.kind !== 'dropColumn' && c.kind !== 'addColumn') continue;
    const entry = byTable.get(c.table) ?? { drops: [], adds: [] };
    if (c.kind === 'dropColumn') entry.drops.push(c);
    else entry.adds.push(c);
    byTable.set(c.table, entry);
  }
  for (const [table, { drops, adds }] of byTable) {
    const columns = pairUp(
      drops,
      adds,
      (d, a) => columnsFit(d.columnBefore, a.columnAfter),
      (d, a) => ({ kind: 'column', table, from: d.column, to: a.column }),
      (d, a) => chainedReading(changes, d, a),
      'column',
      table,
    );
    out.unambiguous.push(...columns.unambiguous);
    out.ambiguous.push(...columns.ambiguous);
  }
  return out;
}

/** The old pairs-only view: every unambiguous candidate. */
export function detectRenameCandidates(changes: Change[]): RenameCandidate[] {
  return guessRenames(changes).unambiguous;
}

export const sameRename = (a: RenameChoice, b: RenameChoice) =>
  a.kind === b.kind && a.from === b.from && a.to === b.to && (a.kind === 'table' || (b.kind === 'column' && a.table === b.table));

export const describeRename = (c: RenameChoice) =>
  c.kind === 'column' ? `${c.table}.${c.from} → ${c.table}.${c.to}` : l10n.t('table {0} → {1}', c.from, c.to);
