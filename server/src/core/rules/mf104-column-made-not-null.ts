// Finding: MF104 — a nullable column made NOT NULL: the migration fails while any row holds NULL there.
import type { Finding } from '../findings';
import { quoteIdent } from '../render/sqlNames';
import { plural, qualified, rowCountFor, type Rule, type RuleContext } from './context';
import { backfillFor } from './backfill';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

export const mf104ColumnMadeNotNull: Rule = {
  code: 'MF104',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      const nullable = change.alteration?.nullable;
      if (change.kind !== 'alterColumn' || !nullable || !nullable[0] || nullable[1]) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF104', table, column);
      const nulls = count ? ` The dev database has ${plural(count.rowsAtRisk, 'row')} with NULL there.` : '';
      const fill = backfillFor(change.columnAfter?.type ?? '', ctx.models.schema.enums);
      return [{
        code: 'MF104', severity: 'warning', table, column, destructive: false, file: place.file, range: place.range,
        message: `Making ${qualified(table, column)} NOT NULL fails while any row holds NULL in it.${nulls}`,
        fixes: [
          { kind: 'inspectRows', title: 'Show the rows with NULL', sql: `SELECT * FROM ${quoteIdent(table)} WHERE ${quoteIdent(column)} IS NULL` },
          ...(fill ? [{ kind: 'twoStep' as const, title: `Fill NULLs with ${fill.sql} before setting NOT NULL`, table, column, backfill: fill.sql }] : []),
          ignoreFix('MF104', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
