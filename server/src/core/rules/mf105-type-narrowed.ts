// Finding: MF105 — a type change that may lose or refuse stored values: a shorter varchar, fewer
// numeric digits, text → integer, or an enum losing labels that rows may still hold.
import type { Finding } from '../findings';
import { quoteIdent, quoteLiteral } from '../render/sqlNames';
import { plural, qualified, rowCountFor, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { enumPlace, placeFor } from './locate';
import { narrowingReason } from './typeChanges';

export const mf105TypeNarrowed: Rule = {
  code: 'MF105',
  check(ctx: RuleContext): Finding[] {
    const enums = new Set([...Object.keys(ctx.head.enums), ...Object.keys(ctx.models.schema.enums)]);
    return ctx.changes.flatMap((change): Finding[] => {
      if (change.kind === 'recreateEnum' && change.enumBefore && change.enumAfter) {
        const removed = change.enumBefore.filter((v) => !change.enumAfter?.includes(v));
        if (removed.length === 0) return [];
        const name = change.enumName as string;
        const place = enumPlace(ctx.models, ctx.head, name);
        return [{
          code: 'MF105', severity: 'warning', table: '', destructive: true, file: place.file, range: place.range,
          message: `Removing ${removed.map((v) => quoteLiteral(v)).join(', ')} from enum \`${name}\` fails on rows that still hold ${removed.length === 1 ? 'it' : 'them'}; the type is recreated and every column using it converted.`,
          fixes: [ignoreFix('MF105', place.file, place.range.start.line)],
        }];
      }
      const type = change.alteration?.type;
      if (change.kind !== 'alterColumn' || !type) return [];
      const reason = narrowingReason(type[0], type[1], enums);
      if (!reason) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF105', table, column);
      const values = count ? ` The dev database has ${plural(count.rowsAtRisk, 'value')} to convert.` : '';
      return [{
        code: 'MF105', severity: 'warning', table, column, destructive: true, file: place.file, range: place.range,
        message: `Changing ${qualified(table, column)} from ${type[0]} to ${type[1]} may lose data: ${reason}.${values}`,
        fixes: [
          { kind: 'inspectRows', title: 'Show the values as they are', sql: `SELECT ${quoteIdent(column)}, count(*) FROM ${quoteIdent(table)} GROUP BY 1 ORDER BY 2 DESC LIMIT 100` },
          ignoreFix('MF105', place.file, place.range.start.line),
        ],
      }];
    });
  },
};
