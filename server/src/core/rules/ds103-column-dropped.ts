// Finding: DS103 — a column the models no longer have is dropped, with the values stored in it.
import type { Finding } from '../findings';
import { plural, qualified, rowCountFor, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

export const ds103ColumnDropped: Rule = {
  code: 'DS103',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.filter((c) => c.kind === 'dropColumn').map((change) => {
      const table = change.table as string;
      const column = change.column as string;
      const candidate = ctx.candidates.find((c) => c.choice.kind === 'column' && c.choice.table === table && c.choice.from === column);
      const place = placeFor(ctx.models, ctx.head, table, candidate?.choice.kind === 'column' ? candidate.choice.to : undefined);
      const count = rowCountFor(ctx, 'DS103', table, column);
      const what = count ? ` (${plural(count.rowsAtRisk, 'non-null value')} in the dev database)` : '';
      const hint = candidate?.choice.kind === 'column' ? ` If it was renamed to \`${candidate.choice.to}\`, treat it as a rename to keep the values.` : '';
      return {
        code: 'DS103', severity: 'warning', table, column, destructive: true, file: place.file, range: place.range,
        message: `Dropping ${qualified(table, column)} destroys data${what}: the column is in the migration head but no longer in the model.${hint}`,
        fixes: [
          ...(candidate?.choice.kind === 'column' ? [{ kind: 'rename' as const, title: `Rename ${table}.${column} to ${candidate.choice.to} (keeps the data)`, rename: candidate.choice }] : []),
          ignoreFix('DS103', place.file, place.range.start.line),
        ],
      };
    });
  },
};
