// Finding: PG301 — a column type change that makes PostgreSQL rewrite the whole table while holding
// an ACCESS EXCLUSIVE lock: no reads or writes until it is done.
import type { Finding } from '../findings';
import { plural, qualified, rowCountFor, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { enumPlace, placeFor } from './locate';
import { rewritesTable } from './typeChanges';

export const pg301TableRewrite: Rule = {
  code: 'PG301',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change): Finding[] => {
      if (change.kind === 'recreateEnum') {
        // Recreating an enum converts every column using it to text and back: two rewrites per table.
        const tables = [...new Set(change.upgrade.flatMap((op) => (op.kind === 'alterColumn' ? [op.table] : [])))];
        if (tables.length === 0) return [];
        const name = change.enumName as string;
        const place = enumPlace(ctx.models, ctx.head, name);
        return [{
          code: 'PG301', severity: 'info', table: tables[0] as string, destructive: false, file: place.file, range: place.range,
          message: `Changing the labels of enum \`${name}\` recreates the type: ${tables.map((t) => qualified(t)).join(', ')} ${tables.length === 1 ? 'is' : 'are'} rewritten under an ACCESS EXCLUSIVE lock.`,
          fixes: [ignoreFix('PG301', place.file, place.range.start.line)],
        }];
      }
      const type = change.alteration?.type;
      if (change.kind !== 'alterColumn' || !type || !rewritesTable(type[0], type[1])) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'PG301', table);
      const size = count ? ` (${plural(count.totalRows, 'row')} in the dev database)` : '';
      return [{
        code: 'PG301', severity: 'info', table, column, destructive: false, file: place.file, range: place.range,
        message: `Changing ${qualified(table, column)} from ${type[0]} to ${type[1]} rewrites table ${qualified(table)}${size} under an ACCESS EXCLUSIVE lock: reads and writes wait until it finishes.`,
        fixes: [ignoreFix('PG301', place.file, place.range.start.line)],
      } satisfies Finding];
    });
  },
};
