// Which drops and adds are renames. A pair is *unambiguous* — and a rename by default — when, in the
// same table (or among tables), the dropped one has exactly one added candidate of the same type
// family and that added one has exactly one dropped candidate, and no chained reading competes
// (a kept column of the table whose type moves from the added one's to the dropped one's). Anything
// else with candidates is *ambiguous*: left as drop + add, with every reading listed.
// docs/renames.md says the same in words for users.
import type { RenameChoice } from '../findings';
import type { ColumnSchema, TableSchema } from '../schema/types';
import { isUnresolvedType, normalizeType, sameType } from './compare';
import type { Change } from './types';

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
function pairUp(
  drops: Change[],
  adds: Change[],
  fits: (d: Change, a: Change) => boolean,
  single: (d: Change, a: Change) => RenameChoice,
  rival: (d: Change, a: Change) => RenameChoice[] | null,
  kind: 'column' | 'table',
  table?: string,
): Pairing {
  const out: Pairing = { unambiguous: [], ambiguous: [] };
  const seen = new Set<Change>();
  for (const start of drops) {
    if (seen.has(start)) continue;
    const groupDrops = new Set<Change>();
    const groupAdds = new Set<Change>();
    const queue: Change[] = [start];
    while (queue.length > 0) {
      const node = queue.pop() as Change;
      if (seen.has(node)) continue;
      seen.add(node);
      if (drops.includes(node)) {
        groupDrops.add(node);
        for (const a of adds) if (!seen.has(a) && fits(node, a)) queue.push(a);
      } else {
        groupAdds.add(node);
        for (const d of drops) if (!seen.has(d) && fits(d, node)) queue.push(d);
      }
    }
    if (groupAdds.size === 0) continue;
    const ds = [...groupDrops];
    const as = [...groupAdds];
    const readings: RenameChoice[][] = [];
    for (const d of ds) for (const a of as) if (fits(d, a)) readings.push([single(d, a)]);
    if (ds.length === 1 && as.length === 1) {
      const chain = rival(ds[0] as Change, as[0] as Change);
      if (!chain) {
        out.unambiguous.push({ choice: single(ds[0] as Change, as[0] as Change), dropped: ds[0] as Change, added: as[0] as Change });
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
function chainedReading(changes: Change[], d: Change, a: Change): RenameChoice[] | null {
  const table = d.table as string;
  for (const k of changes) {
    if (k.kind !== 'alterColumn' || k.table !== table || !k.alteration?.type || !k.columnBefore || !k.columnAfter) continue;
    if (!a.columnAfter || !d.columnBefore) continue;
    if (sameType(k.columnBefore.type, a.columnAfter.type) && sameType(k.columnAfter.type, d.columnBefore.type)) {
      return [
        { kind: 'column', table, from: k.column as string, to: a.column as string },
        { kind: 'column', table, from: d.column as string, to: k.column as string },
      ];
    }
  }
  return null;
}

/** The renames a diff's drops and adds suggest: the unambiguous ones, and the groups with several readings. */
export function guessRenames(changes: Change[]): Pairing {
  const out: Pairing = { unambiguous: [], ambiguous: [] };
  const tableDrops = changes.filter((c) => c.kind === 'dropTable' && c.tableDef);
  const tableAdds = changes.filter((c) => c.kind === 'createTable' && c.tableDef);
  const tables = pairUp(
    tableDrops,
    tableAdds,
    (d, a) => tablesFit(d.tableDef as TableSchema, a.tableDef as TableSchema),
    (d, a) => ({ kind: 'table', from: d.table as string, to: a.table as string }),
    () => null,
    'table',
  );
  out.unambiguous.push(...tables.unambiguous);
  out.ambiguous.push(...tables.ambiguous);
  const byTable = new Map<string, { drops: Change[]; adds: Change[] }>();
  for (const c of changes) {
    if ((c.kind !== 'dropColumn' || !c.columnBefore) && (c.kind !== 'addColumn' || !c.columnAfter)) continue;
    const entry = byTable.get(c.table as string) ?? { drops: [], adds: [] };
    (c.kind === 'dropColumn' ? entry.drops : entry.adds).push(c);
    byTable.set(c.table as string, entry);
  }
  for (const [table, { drops, adds }] of byTable) {
    const columns = pairUp(
      drops,
      adds,
      (d, a) => columnsFit(d.columnBefore as ColumnSchema, a.columnAfter as ColumnSchema),
      (d, a) => ({ kind: 'column', table, from: d.column as string, to: a.column as string }),
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

export const describeRename = (c: RenameChoice) => (c.kind === 'column' ? `${c.table}.${c.from} → ${c.table}.${c.to}` : `table ${c.from} → ${c.to}`);
