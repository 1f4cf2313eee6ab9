// Finding: DS102 — a table the models no longer have is dropped, with every row in it.
import type { Finding } from '../findings';
import { plural, qualified, rowCountFor, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { droppedTableLocation, tableLocation } from './locate';

export const ds102TableDropped: Rule = {
  code: 'DS102',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.filter((c) => c.kind === 'dropTable').map((change) => {
      const table = change.table as string;
      const candidate = ctx.candidates.find((c) => c.choice.kind === 'table' && c.choice.from === table);
      const place = (candidate && tableLocation(ctx.models, candidate.choice.to)) ?? droppedTableLocation(ctx.models, ctx.head, table);
      const count = rowCountFor(ctx, 'DS102', table);
      const rows = count ? `${plural(count.rowsAtRisk, 'row')} in the dev database` : 'every row in it';
      const hint = candidate ? ` If it was renamed to \`${candidate.choice.to}\`, treat it as a rename to keep the rows.` : '';
      return {
        code: 'DS102', severity: 'warning', table, destructive: true, file: place.file, range: place.range,
        message: `Dropping table ${qualified(table)} destroys ${rows}: it is in the migration head but no longer in the models.${hint}`,
        fixes: [
          ...(candidate ? [{ kind: 'rename' as const, title: `Rename table ${table} to ${candidate.choice.to} (keeps the rows)`, rename: candidate.choice }] : []),
          ignoreFix('DS102', place.file, place.range.start.line),
        ],
      };
    });
  },
};
