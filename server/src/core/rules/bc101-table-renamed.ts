// Finding: BC101 — a table dropped and a table created with the same columns: probably a rename
// (a changed __tablename__). Offered as `rename_table`, which keeps the rows; never applied unasked.
import type { Finding } from '../findings';
import { qualified, type Rule, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';

export const bc101TableRenamed: Rule = {
  code: 'BC101',
  check(ctx: RuleContext): Finding[] {
    return ctx.candidates.flatMap((candidate) => {
      const choice = candidate.choice;
      if (choice.kind !== 'table') return [];
      const source = ctx.models.sources.tables[choice.to];
      const place = source?.tablenameLocation ?? placeFor(ctx.models, ctx.head, choice.to);
      return [{
        code: 'BC101', severity: 'warning', table: choice.to, destructive: true, file: place.file, range: place.range,
        message: `Table ${qualified(choice.from)} looks renamed to ${qualified(choice.to)} (same columns). As it stands the migration drops ${qualified(choice.from)} with its rows and creates an empty ${qualified(choice.to)}; treat it as a rename to keep the rows.`,
        fixes: [
          { kind: 'rename', title: `Treat as a rename: ${choice.from} → ${choice.to} (rename_table keeps the rows)`, rename: choice },
          ignoreFix('BC101', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
