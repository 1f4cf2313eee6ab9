// Finding: MF101 — a unique constraint (or unique index) added on columns that already hold data:
// the migration fails if existing rows hold duplicates.
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import { quoteIdent } from '../render/sqlNames';
import { qualified, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

function uniqueColumns(change: Change): string[] | null {
  if (change.kind === 'createUnique' && change.key) return change.key.columns;
  if (change.kind === 'createIndex' && change.index?.unique) return change.index.columns;
  return null;
}

export const mf101UniqueAdded: Rule = {
  code: 'MF101',
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      const columns = uniqueColumns(change);
      const table = change.table as string;
      const existing = ctx.head.tables[table];
      // New columns start out NULL (never duplicates); only columns holding data matter.
      if (!columns || !change.onExistingTable || !existing || !columns.every((c) => existing.columns[c])) return [];
      const name = change.key?.name ?? change.index?.name ?? '';
      const place = columns.length === 1
        ? placeFor(ctx.models, ctx.head, table, columns[0])
        : (ctx.models.sources.tables[table]?.constraints[name] ?? placeFor(ctx.models, ctx.head, table));
      const list = columns.map(quoteIdent).join(', ');
      return [{
        code: 'MF101', severity: 'warning', table, ...(columns.length === 1 ? { column: columns[0] } : {}), destructive: false,
        file: place.file, range: place.range,
        message: `Adding a unique constraint on ${qualified(table, columns.join(', '))} fails if existing rows hold duplicate values.`,
        fixes: [
          { kind: 'inspectRows', title: 'Show the duplicate values', sql: `SELECT ${list}, count(*) FROM ${quoteIdent(table)} GROUP BY ${list} HAVING count(*) > 1` },
          ignoreFix('MF101', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
