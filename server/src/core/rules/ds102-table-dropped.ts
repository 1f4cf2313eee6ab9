// Finding: DS102 — a table the models no longer have is dropped, with every row in it.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { formatCount, qualified, renameHintFor, rowCountFor, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { droppedTableLocation, tableLocation } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('Table dropped');
  },
  get summary() {
    return l10n.t('A table the migration head has is no longer in the models, so the migration drops it.');
  },
  get data() {
    return l10n.t(
      'Dropping the table deletes every row in it, and the rows of tables whose foreign keys cascade from it. A downgrade recreates the table empty.',
    );
  },
  get safe() {
    return l10n.t(
      'If the table was renamed, treat it as a rename (`op.rename_table`) so the rows stay. Otherwise back the table up first (`CREATE TABLE backup AS SELECT * FROM …`), stop the application from using it, and drop it in a later release.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t('`DROP TABLE` removes the rows, indexes and constraints at commit; it fails while a table that stays still has a foreign key to it.');
    },
    get sqlite() {
      return l10n.t(
        '`DROP TABLE` removes the table and its rows from the file; the space is reused, not returned, until `VACUUM`. Migration Guard copies the whole database file next to it first (`app.db.migration-guard-<revision>-<time>.bak`).',
      );
    },
  },
  message: (table: string, rows: number | undefined, renamedTo: string | undefined) => {
    const name = qualified(table);
    const drop =
      rows === undefined
        ? l10n.t('Dropping table {0} destroys every row in it: it is in the migration head but no longer in the models.', name)
        : rows === 1
          ? l10n.t('Dropping table {0} destroys 1 row in the dev database: it is in the migration head but no longer in the models.', name)
          : l10n.t(
              'Dropping table {0} destroys {1} rows in the dev database: it is in the migration head but no longer in the models.',
              name,
              formatCount(rows),
            );
    return renamedTo ? `${drop} ${l10n.t('If it was renamed to `{0}`, treat it as a rename to keep the rows.', renamedTo)}` : drop;
  },
  renameFix: (table: string, to: string) => l10n.t('Rename table {0} to {1} (keeps the rows)', table, to),
};

export const ds102TableDropped: ModelRule = {
  code: 'DS102',
  name: 'table-dropped',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'tableRows' },
  fixes: ['rename', 'ignore'],
  preferredFix: 'rename',
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('A model class deleted');
      },
      head: `
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))
`,
      bad: `
class Book(db.Model):
#     ^^^^ DS102
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer)
`,
      good: `
# migration-guard: ignore DS102 (author was exported to the archive first)
class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer)
`,
      get why() {
        return l10n.t(
          'When the rows are backed up (or truly not needed) and no released code uses the table, say so next to the model: the drop is deliberate and reviewed as such.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes
      .filter((c) => c.kind === 'dropTable')
      .map((change) => {
        const table = change.table as string;
        const candidate = renameHintFor(ctx, table);
        const place = (candidate && tableLocation(ctx.models, candidate.to)) ?? droppedTableLocation(ctx.models, ctx.head, table);
        const count = rowCountFor(ctx, 'DS102', table);
        return {
          code: 'DS102',
          severity: 'warning',
          table,
          destructive: true,
          file: place.file,
          range: place.range,
          message: text.message(table, count?.rowsAtRisk, candidate?.to),
          fixes: [
            ...(candidate ? [{ kind: 'rename' as const, title: text.renameFix(table, candidate.to), rename: candidate }] : []),
            ignoreFix('DS102', place.file, place.range.start.line),
          ],
        };
      });
  },
};
