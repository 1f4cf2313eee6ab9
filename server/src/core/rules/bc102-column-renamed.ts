// Finding: BC102 — one column dropped and one added in the same table with the same type and
// nullability: probably a rename. Offered as `alter_column(..., new_column_name=...)`, which keeps the data.
import type { Finding } from '../findings';
import { qualified, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

export const bc102ColumnRenamed: Rule = {
  code: 'BC102',
  check(ctx: RuleContext): Finding[] {
    return ctx.candidates.flatMap((candidate) => {
      const choice = candidate.choice;
      if (choice.kind !== 'column') return [];
      const place = placeFor(ctx.models, ctx.head, choice.table, choice.to);
      return [{
        code: 'BC102', severity: 'warning', table: choice.table, column: choice.to, destructive: true, file: place.file, range: place.range,
        message: `${qualified(choice.table, choice.from)} looks renamed to ${qualified(choice.table, choice.to)} (same type and nullability). As it stands the migration drops ${qualified(choice.table, choice.from)} and its values and adds an empty column; treat it as a rename to keep the data.`,
        fixes: [
          { kind: 'rename', title: `Treat as a rename: ${choice.table}.${choice.from} → ${choice.to} (keeps the data)`, rename: choice },
          ignoreFix('BC102', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
