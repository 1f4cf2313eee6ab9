// Finding: MF105 — a type change that may lose or refuse stored values: a shorter varchar, fewer
// numeric digits, text → integer, or an enum losing labels that rows may still hold.
import type { Finding } from '../findings';
import { quoteIdent, quoteLiteral } from '../render/sqlNames';
import { plural, qualified, rowCountFor, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { enumPlace, placeFor } from './locate';
import type { ModelRule } from './record';
import { narrowingReason } from './typeChanges';

const text = {
  title: 'Type narrowed',
  summary: 'A column type changes to one that cannot hold every stored value (shorter text, fewer digits, another kind), or an enum loses labels.',
  data: 'Narrowing the type or casting it can fail on values that do not fit, or silently truncate or round them.',
  safe: 'Check the longest or largest stored value first; if some do not fit, fix those rows, or keep the wider type.',
  dialects: {
    postgresql: 'A value too long for `varchar(n)` or too large for `numeric(p,s)` makes the `ALTER … TYPE` fail; fractions cast to integer and extra decimals are rounded silently. Removing enum labels recreates the type.',
    sqlite: null,
  },
  message: (table: string, column: string, from: string, to: string, reason: string, values: number | undefined) =>
    `Changing ${qualified(table, column)} from ${from} to ${to} may lose data: ${reason}.${values === undefined ? '' : ` The dev database has ${plural(values, 'value')} that may not fit.`}`,
  enumMessage: (name: string, removed: string[]) =>
    `Removing ${removed.map((v) => quoteLiteral(v)).join(', ')} from enum \`${name}\` fails on rows that still hold ${removed.length === 1 ? 'it' : 'them'}; the type is recreated and every column using it converted.`,
  inspectFix: (column: string) => `Check first which values would not fit: list the 100 most frequent ${column} values with their counts (read-only query)`,
};

export const mf105TypeNarrowed: ModelRule = {
  code: 'MF105',
  name: 'type-narrowed',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'valuesNotFitting' },
  fixes: ['inspectRows', 'ignore'],
  examples: [
    {
      source: 'models',
      title: 'A shorter `String`',
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
`,
      bad: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
#   ^^^^ MF105, PG301
`,
      good: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
`,
      why: 'Keep the wider type until every stored value fits the shorter one (`SELECT max(length(name)) FROM "user"`).',
    },
  ],
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
          message: text.enumMessage(name, removed),
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
      return [{
        code: 'MF105', severity: 'warning', table, column, destructive: true, file: place.file, range: place.range,
        message: text.message(table, column, type[0], type[1], reason, count?.rowsAtRisk),
        typeChange: { from: type[0], to: type[1] },
        fixes: [
          { kind: 'inspectRows', title: text.inspectFix(column), sql: `SELECT ${quoteIdent(column)}, count(*) FROM ${quoteIdent(table)} GROUP BY 1 ORDER BY 2 DESC LIMIT 100` },
          ignoreFix('MF105', place.file, place.range.start.line),
        ],
      }];
    });
  },
};
