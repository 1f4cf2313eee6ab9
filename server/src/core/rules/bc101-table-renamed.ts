// Finding: BC101 — a table dropped and a table created with the same columns: probably a rename
// (a changed __tablename__). Offered as `rename_table`, which keeps the rows; never applied unasked.
import type { Finding } from '../findings';
import { qualified, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  title: 'Table renamed',
  summary: 'A table disappeared from the models and one with the same columns appeared: probably a rename.',
  data: 'Written as drop + create, a table rename deletes every row. As a rename, the rows stay.',
  safe: 'Accept "Treat as a rename": the migration uses `op.rename_table`. Deploy code that reads the new name at the same time.',
  dialects: {
    postgresql: '`ALTER TABLE … RENAME TO` only changes the catalog: instant, and indexes, constraints and foreign keys follow the table (their names stay as they were).',
    sqlite: null,
  },
  message: (from: string, to: string) =>
    `Table ${qualified(from)} looks renamed to ${qualified(to)} (same columns). As it stands the migration drops ${qualified(from)} with its rows and creates an empty ${qualified(to)}; treat it as a rename to keep the rows.`,
  renameFix: (from: string, to: string) => `Treat as a rename: ${from} → ${to} (rename_table keeps the rows)`,
};

export const bc101TableRenamed: ModelRule = {
  code: 'BC101',
  name: 'table-renamed',
  source: 'models',
  severity: 'warning',
  text,
  fixes: ['rename', 'ignore'],
  preferredFix: 'rename',
  examples: [
    {
      source: 'models',
      title: '`__tablename__` changed',
      head: `
class Customer(db.Model):
    __tablename__ = "customer"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      bad: `
class Customer(db.Model):
    __tablename__ = "client"
#   ^^^^^^^^^^^^^^^^^^^^^^^^ BC101, DS102
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      good: `
class Customer(db.Model):
    __tablename__ = "client"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      goodRenames: [{ kind: 'table', from: 'customer', to: 'client' }],
      why: 'Accepting the rename writes `op.rename_table("customer", "client")`: the rows stay.',
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.candidates.flatMap((candidate) => {
      const choice = candidate.choice;
      if (choice.kind !== 'table') return [];
      const source = ctx.models.sources.tables[choice.to];
      const place = source?.tablenameLocation ?? placeFor(ctx.models, ctx.head, choice.to);
      return [{
        code: 'BC101', severity: 'warning', table: choice.to, destructive: true, file: place.file, range: place.range,
        message: text.message(choice.from, choice.to),
        fixes: [
          { kind: 'rename', title: text.renameFix(choice.from, choice.to), rename: choice },
          ignoreFix('BC101', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
