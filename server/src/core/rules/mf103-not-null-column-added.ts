// Finding: MF103 — a NOT NULL column without a server default added to an existing table: on a
// non-empty table PostgreSQL refuses it. Create Migration writes the two-step recipe by default.
import type { Finding } from '../findings';
import { sequenceOfDefault } from '../render/sqlNames';
import { plural, qualified, rowCountFor, type Rule, type RuleContext } from './context';
import { backfillFor } from './backfill';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

export const mf103NotNullColumnAdded: Rule = {
  code: 'MF103',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      const after = change.columnAfter;
      if (change.kind !== 'addColumn' || !change.onExistingTable || !after || after.nullable || after.default !== null) return [];
      if (sequenceOfDefault(after.default) !== null) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF103', table);
      const rows = count ? ` The dev database has ${plural(count.totalRows, 'row')} there.` : '';
      const fill = backfillFor(after.type, ctx.models.schema.enums);
      return [{
        code: 'MF103', severity: 'warning', table, column, destructive: false, file: place.file, range: place.range,
        message: `Adding NOT NULL column ${qualified(table, column)} without a server default fails on a table that has rows: existing rows would have no value.${rows}`,
        fixes: [
          ...(fill ? [
            { kind: 'twoStep' as const, title: `Add it nullable, fill existing rows with ${fill.sql}, then set NOT NULL`, table, column, backfill: fill.sql },
            { kind: 'serverDefault' as const, title: `Give it server_default=${fill.python}`, table, column, expression: fill.sql, pythonValue: fill.python },
          ] : []),
          ignoreFix('MF103', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
