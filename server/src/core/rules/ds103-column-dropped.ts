// Finding: DS103 — a column the models no longer have is dropped, with the values stored in it.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { formatCount, qualified, renameHintFor, rowCountFor, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('Column dropped');
  },
  get summary() {
    return l10n.t('A column the migration head has is no longer in the model, so the migration drops it.');
  },
  get data() {
    return l10n.t('Dropping the column deletes its value in every row. A downgrade brings the column back, but empty.');
  },
  get safe() {
    return l10n.t(
      'If the column was renamed, treat it as a rename (`alter_column(…, new_column_name=…)`) so the values stay. Otherwise first release code that no longer reads it, copy the values somewhere if they matter, then drop it.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        '`ALTER TABLE … DROP COLUMN` only marks the column dropped (instant; the space is reclaimed as rows are rewritten), and the values are gone at commit. Indexes and constraints on the column go with it; a view that uses it makes the migration fail.',
      );
    },
    get sqlite() {
      return l10n.t(
        'Batch mode copies the table without the column (SQLite ≥ 3.35 can also `DROP COLUMN` in place). Migration Guard copies the whole database file next to it first (`app.db.migration-guard-<revision>-<time>.bak`).',
      );
    },
  },
  message: (table: string, column: string, values: number | undefined, renamedTo: string | undefined) => {
    const name = qualified(table, column);
    const drop =
      values === undefined
        ? l10n.t('Dropping {0} destroys data: the column is in the migration head but no longer in the model.', name)
        : values === 1
          ? l10n.t('Dropping {0} destroys data (1 non-null value in the dev database): the column is in the migration head but no longer in the model.', name)
          : l10n.t(
              'Dropping {0} destroys data ({1} non-null values in the dev database): the column is in the migration head but no longer in the model.',
              name,
              formatCount(values),
            );
    return renamedTo ? `${drop} ${l10n.t('If it was renamed to `{0}`, treat it as a rename to keep the values.', renamedTo)}` : drop;
  },
  renameFix: (table: string, column: string, to: string) => l10n.t('Rename {0} to {1} (keeps the data)', `${table}.${column}`, to),
};

export const ds103ColumnDropped: ModelRule = {
  code: 'DS103',
  name: 'column-dropped',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'nonNullValues' },
  fixes: ['rename', 'ignore'],
  preferredFix: 'rename',
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('A column deleted from the model');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    bio = db.Column(db.Text)
`,
      bad: `
class User(db.Model):
#     ^^^^ DS103
    id = db.Column(db.Integer, primary_key=True)
`,
      good: `
# migration-guard: ignore DS103 (bio was copied to the archive first)
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      get why() {
        return l10n.t(
          'Once no released code reads the column and its values are copied where they are still needed, say so in the model: the drop is then deliberate, and reviewed as such.',
        );
      },
    },
    {
      source: 'models',
      get title() {
        return l10n.t('A column renamed, but two new columns could be it (an ambiguous rename)');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
`,
      bad: `
class User(db.Model):
#     ^^^^ DS103
    id = db.Column(db.Integer, primary_key=True)
    full_name = db.Column(db.String(80))
    nickname = db.Column(db.String(40))
#   ^^^^^^^^ BC102
`,
      good: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    full_name = db.Column(db.String(80))
    nickname = db.Column(db.String(40))
`,
      goodRenames: [{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }],
      get why() {
        return l10n.t(
          'Two added columns of the text family fit, so nothing is assumed. Choosing the rename (`--rename user.name=full_name`, or the quick fix) writes `op.alter_column("user", "name", new_column_name="full_name")`: the values stay.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes
      .filter((c) => c.kind === 'dropColumn')
      .map((change) => {
        const table = change.table as string;
        const column = change.column as string;
        const candidate = renameHintFor(ctx, table, column);
        const renamedTo = candidate?.to;
        const place = placeFor(ctx.models, ctx.head, table, renamedTo);
        const count = rowCountFor(ctx, 'DS103', table, column);
        return {
          code: 'DS103',
          severity: 'warning',
          table,
          column,
          destructive: true,
          file: place.file,
          range: place.range,
          message: text.message(table, column, count?.rowsAtRisk, renamedTo),
          fixes: [
            ...(candidate && renamedTo ? [{ kind: 'rename' as const, title: text.renameFix(table, column, renamedTo), rename: candidate }] : []),
            ignoreFix('DS103', place.file, place.range.start.line),
          ],
        };
      });
  },
};
