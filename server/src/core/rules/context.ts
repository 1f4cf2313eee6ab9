// What every rule gets: the changes, both schemas, the models (for source locations), rename
// candidates and whatever row counts the database could add; and the helpers their messages share.
import type { Change } from '../diff/types';
import type { RenameCandidate } from '../diff/renames';
import type { KnownRowCount } from '../findings';
import type { ModelSchema } from '../models/types';
import type { Schema } from '../schema/types';

export interface RuleContext {
  changes: Change[];
  /** The schema at the migration head (after the user's chosen renames, as the diff saw it). */
  head: Schema;
  models: ModelSchema;
  candidates: RenameCandidate[];
  rowCounts: KnownRowCount[];
}

/** The count the database gave for this code and place, if any. */
export function rowCountFor(ctx: RuleContext, code: string, table: string, column?: string): KnownRowCount | undefined {
  return ctx.rowCounts.find((r) => r.code === code && r.table === table && (column === undefined || r.column === column));
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => numberFormat.format(n);

/** `1 row` / `1,204 rows`. */
export const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

export const qualified = (table: string | undefined, column?: string) => `\`${table ?? '?'}${column ? `.${column}` : ''}\``;
