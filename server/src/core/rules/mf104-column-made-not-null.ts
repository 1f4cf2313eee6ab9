// Finding: MF104 — a nullable column made NOT NULL: the migration fails while any row holds NULL there.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { quoteIdent, quoteTable } from '../render/sqlNames';
import { formatCount, qualified, rowCountFor, type RuleContext } from './context';
import { backfillFor } from './backfill';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('Column made NOT NULL');
  },
  get summary() {
    return l10n.t('A nullable column of an existing table becomes NOT NULL.');
  },
  get data() {
    return l10n.t('Making a column NOT NULL fails if any row holds NULL in it, and the whole migration rolls back.');
  },
  get safe() {
    return l10n.t(
      'Backfill the NULLs first (`UPDATE t SET col = … WHERE col IS NULL`), in the same migration before `alter_column(nullable=False)` or in an earlier one.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t('`SET NOT NULL` scans the whole table under an ACCESS EXCLUSIVE lock, and fails with `column … contains null values` on the first NULL.');
    },
    get sqlite() {
      return l10n.t('Batch mode copies the table into one with the `NOT NULL` column: the copy fails on the first NULL, and the whole migration rolls back.');
    },
  },
  message: (table: string, column: string, nulls: number | undefined) => {
    const fails = l10n.t('Making {0} NOT NULL fails while any row holds NULL in it.', qualified(table, column));
    if (nulls === undefined) return fails;
    return `${fails} ${nulls === 1 ? l10n.t('The dev database has 1 row with NULL there.') : l10n.t('The dev database has {0} rows with NULL there.', formatCount(nulls))}`;
  },
  get inspectFix() {
    return l10n.t('Show the rows with NULL');
  },
  backfillFix: (fill: string) => l10n.t('Fill NULLs with {0} before setting NOT NULL', fill),
};

export const mf104ColumnMadeNotNull: ModelRule = {
  code: 'MF104',
  name: 'column-made-not-null',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'nullValues' },
  fixes: ['inspectRows', 'backfillNulls', 'ignore'],
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('`nullable=False` on a column that may hold NULLs');
      },
      head: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200))
`,
      bad: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
#   ^^^^^ MF104
`,
      good: `
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    # migration-guard: ignore MF104 (the migration fills NULL titles with '' first)
    title = db.Column(db.String(200), nullable=False)
`,
      get why() {
        return l10n.t('Use the "Fill NULLs" quick fix: the migration runs `UPDATE post SET title = \'\' WHERE title IS NULL` before setting NOT NULL.');
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      if (change.kind !== 'alterColumn') return [];
      const nullable = change.alteration.nullable;
      if (!nullable || !nullable[0] || nullable[1]) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF104', table, column);
      const fill = backfillFor(change.columnAfter.type, ctx.models.schema.enums);
      return [
        {
          code: 'MF104',
          severity: 'warning',
          table,
          column,
          destructive: false,
          file: place.file,
          range: place.range,
          message: text.message(table, column, count?.rowsAtRisk),
          fixes: [
            { kind: 'inspectRows', title: text.inspectFix, sql: `SELECT * FROM ${quoteTable(table)} WHERE ${quoteIdent(column)} IS NULL` },
            ...(fill ? [{ kind: 'backfillNulls' as const, title: text.backfillFix(fill.sql), table, column, backfill: fill.sql }] : []),
            ignoreFix('MF104', place.file, place.range.start.line),
          ],
        } satisfies Finding,
      ];
    });
  },
};
