// Finding: PG101 — CREATE INDEX on a table that already exists blocks writes to it until the index
// is built; CONCURRENTLY does not (but cannot run inside a transaction).
import type { Finding } from '../findings';
import { qualified, plural, rowCountFor, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

export const pg101IndexNotConcurrent: Rule = {
  code: 'PG101',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      if (change.kind !== 'createIndex' || !change.onExistingTable || !change.index) return [];
      const table = change.table as string;
      const index = change.index;
      const place = index.columns.length === 1 && !ctx.models.sources.tables[table]?.constraints[index.name]
        ? placeFor(ctx.models, ctx.head, table, index.columns[0])
        : (ctx.models.sources.tables[table]?.constraints[index.name] ?? placeFor(ctx.models, ctx.head, table));
      const count = rowCountFor(ctx, 'PG101', table);
      const size = count ? ` (${plural(count.totalRows, 'row')} in the dev database)` : '';
      return [{
        code: 'PG101', severity: 'info', table, ...(index.columns.length === 1 ? { column: index.columns[0] } : {}), destructive: false,
        file: place.file, range: place.range,
        message: `Creating index \`${index.name}\` on existing table ${qualified(table)}${size} blocks writes to it until the index is built; CREATE INDEX CONCURRENTLY does not.`,
        fixes: [
          { kind: 'concurrently', title: `Create ${index.name} concurrently (outside the transaction)`, table, index: index.name },
          ignoreFix('PG101', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
