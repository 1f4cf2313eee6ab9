// What every rule gets: the changes, both schemas, the models (for source locations), rename
// candidates and whatever row counts the database could add; and the helpers their messages share.
import type { Change } from '../diff/types';
import * as l10n from '@vscode/l10n';
import { currentLocale, formatNumber } from '../locale';
import type { AmbiguousRename } from '../diff/renameGuess';
import type { KnownRowCount, RenameChoice } from '../findings';
import type { ModelSchema } from '../models/types';
import type { Dialect } from '../project/database';
import type { Schema } from '../schema/types';
import type { SourceLocation } from '../source';

/** What a connected database records, for the rules about it (MG003). */
export interface RecordedRevisions {
  /** The revisions in alembic_version. */
  current: string[];
  known: (revision: string) => boolean;
  /** Where a finding about the database goes: the migration head's `revision = ...` line. */
  place: SourceLocation | null;
}

export interface RuleContext {
  changes: Change[];
  /** The schema at the migration head (after the user's chosen renames, as the diff saw it). */
  head: Schema;
  models: ModelSchema;
  /** Renames made by default (unambiguous drop + add pairs), declined ones, and groups with several readings (left as drop + add). */
  renames: { assumed: RenameChoice[]; declined: RenameChoice[]; ambiguous: AmbiguousRename[] };
  rowCounts: KnownRowCount[];
  /** Set only when a database is connected. */
  database?: RecordedRevisions;
  /** The project's database dialect (core/project/database.ts); PostgreSQL when none is configured. */
  dialect?: Dialect;
  /** Set when the history has several heads and no rule that picks one (MG004): the heads and their `revision = ...` lines. */
  severalHeads?: SeveralHeads;
}

export interface SeveralHeads {
  heads: string[];
  places: SourceLocation[];
}

/** The dialect the rules speak for. */
export const dialectOf = (ctx: RuleContext): Dialect => ctx.dialect ?? 'postgresql';

/** The count the database gave for this code and place, if any. */
export function rowCountFor(ctx: RuleContext, code: string, table: string, column?: string, columns?: string[]): KnownRowCount | undefined {
  const sameKey = (r: KnownRowCount) => columns === undefined || (r.columns ?? []).join('\u0000') === columns.join('\u0000');
  return ctx.rowCounts.find((r) => !r.problem && r.code === code && r.table === table && (column === undefined || r.column === column) && sameKey(r));
}

/** 1,204 in English, 1.204 in Spanish (the user's locale). */
export const formatCount = (n: number) => formatNumber(n);

/** pg_size_pretty's steps (1024, kB … TB), with the number written as the user's locale writes it. */
export function formatBytes(bytes: number): string {
  const units = ['kB', 'MB', 'GB', 'TB'];
  if (bytes < 10 * 1024) return `${formatNumber(bytes)} bytes`;
  let value = bytes;
  let unit = -1;
  while (value >= 10 * 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(Math.round(value))} ${units[unit]}`;
}

/** 1.2M / 1,2 M: a big estimate is not worth its every digit. */
const roughCount = (n: number) =>
  n < 10_000 ? formatNumber(n) : new Intl.NumberFormat(currentLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(n);

/**
 * How big a table is, for PG101 / PG301 and the hover: "~1.2M rows, 340 MB" (PostgreSQL's estimate),
 * "12 rows, 16 kB" (counted), or just the rows when the size is unknown (SQLite).
 */
export function tableSizeText(count: Pick<KnownRowCount, 'totalRows' | 'bytes' | 'estimated'>): string {
  const rows = count.totalRows;
  if (count.bytes === undefined) {
    if (count.estimated) return l10n.t('~{0} rows', roughCount(rows));
    return rows === 1 ? l10n.t('1 row') : l10n.t('{0} rows', formatNumber(rows));
  }
  const size = formatBytes(count.bytes);
  if (count.estimated) return l10n.t('~{0} rows, {1}', roughCount(rows), size);
  return rows === 1 ? l10n.t('1 row, {0}', size) : l10n.t('{0} rows, {1}', formatNumber(rows), size);
}

export const qualified = (table: string | undefined, column?: string) => `\`${table ?? '?'}${column ? `.${column}` : ''}\``;

/** A rename the user could still choose for a dropped table or column: one they declined, or the only reading of an ambiguous group that starts there. */
export function renameHintFor(ctx: RuleContext, table: string, column?: string): RenameChoice | undefined {
  const fromHere = (c: RenameChoice) =>
    column === undefined ? c.kind === 'table' && c.from === table : c.kind === 'column' && c.table === table && c.from === column;
  const declined = ctx.renames.declined.find(fromHere);
  if (declined) return declined;
  const readings = ctx.renames.ambiguous.flatMap((group) => group.readings.filter((r) => r.length === 1).map((r) => r[0] as RenameChoice)).filter(fromHere);
  return readings.length === 1 ? readings[0] : undefined;
}
