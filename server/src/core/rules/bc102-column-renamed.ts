// Finding: BC102 — one column dropped and one added in the same table with the same type and
// nullability: probably a rename. Offered as `alter_column(..., new_column_name=...)`, which keeps the data.
import type { Finding } from '../findings';
import { qualified, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  title: 'Column renamed',
  summary: 'A column disappeared from a model and one with the same type and nullability appeared: probably a rename.',
  data: 'Written as drop + add (what Alembic autogenerate does), a column rename deletes every value. As a rename, the values stay.',
  safe: 'Accept "Treat as a rename": the migration uses `op.alter_column(…, new_column_name=…)`. Deploy code that reads the new name at the same time.',
  dialects: {
    postgresql: '`ALTER TABLE … RENAME COLUMN` only changes the catalog: instant, and indexes and constraints follow the column.',
    sqlite: null,
  },
  message: (table: string, from: string, to: string) =>
    `${qualified(table, from)} looks renamed to ${qualified(table, to)} (same type and nullability). As it stands the migration drops ${qualified(table, from)} and its values and adds an empty column; treat it as a rename to keep the data.`,
  renameFix: (table: string, from: string, to: string) => `Treat as a rename: ${table}.${from} → ${to} (keeps the data)`,
};

export const bc102ColumnRenamed: ModelRule = {
  code: 'BC102',
  name: 'column-renamed',
  source: 'models',
  severity: 'warning',
  text,
  fixes: ['rename', 'ignore'],
  preferredFix: 'rename',
  examples: [
    {
      source: 'models',
      title: 'An attribute renamed',
      head: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text, nullable=False)
`,
      bad: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    content = db.Column(db.Text, nullable=False)
#   ^^^^^^^ BC102, DS103, MF103
`,
      good: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    content = db.Column(db.Text, nullable=False)
`,
      goodRenames: [{ kind: 'column', table: 'post', from: 'body', to: 'content' }],
      why: 'Accepting the rename writes `op.alter_column("post", "body", new_column_name="content")`: the values stay, and no NOT NULL column is added to a full table.',
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.candidates.flatMap((candidate) => {
      const choice = candidate.choice;
      if (choice.kind !== 'column') return [];
      const place = placeFor(ctx.models, ctx.head, choice.table, choice.to);
      return [{
        code: 'BC102', severity: 'warning', table: choice.table, column: choice.to, destructive: true, file: place.file, range: place.range,
        message: text.message(choice.table, choice.from, choice.to),
        fixes: [
          { kind: 'rename', title: text.renameFix(choice.table, choice.from, choice.to), rename: choice },
          ignoreFix('BC102', place.file, place.range.start.line),
        ],
      } satisfies Finding];
    });
  },
};
