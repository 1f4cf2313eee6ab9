// Finding: MF103 — a NOT NULL column without a server default added to an existing table: on a
// non-empty table PostgreSQL refuses it. Create Migration writes the two-step recipe by default.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { sequenceOfDefault } from '../render/sqlNames';
import { formatCount, qualified, rowCountFor, type RuleContext } from './context';
import { backfillFor } from './backfill';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('NOT NULL column added without a server default');
  },
  get summary() {
    return l10n.t('A NOT NULL column with no server default is added to a table that already exists.');
  },
  get data() {
    return l10n.t('Adding a NOT NULL column without a server default fails on any table that already has rows: the existing rows would have no value.');
  },
  get safe() {
    return l10n.t(
      'Give the column a `server_default`, or do it in two steps: add it nullable, backfill the existing rows, then make it NOT NULL (what Create Migration writes).',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        'Fails with `column … contains null values` on a non-empty table. With a constant server default the column is added instantly (PostgreSQL 11+), without rewriting the table.',
      );
    },
    get sqlite() {
      return l10n.t(
        'SQLite refuses `ADD COLUMN … NOT NULL` without a default even on an empty table (`Cannot add a NOT NULL column with default value NULL`); in batch mode the copy fails on a table with rows. Give it a `server_default`, or let Create Migration write the two steps (the `NOT NULL` step is a batch copy of the table).',
      );
    },
  },
  message: (table: string, column: string, rows: number | undefined) => {
    const fails = l10n.t(
      'Adding NOT NULL column {0} without a server default fails on a table that has rows: existing rows would have no value.',
      qualified(table, column),
    );
    if (rows === undefined) return fails;
    return `${fails} ${rows === 1 ? l10n.t('The dev database has 1 row there.') : l10n.t('The dev database has {0} rows there.', formatCount(rows))}`;
  },
  twoStepFix: (meaning: string, placeholder: boolean) =>
    placeholder
      ? l10n.t('Add it nullable, fill the existing rows with {0} (edit the UPDATE to put real values), then set NOT NULL', meaning)
      : l10n.t('Add it nullable, fill the existing rows with {0}, then set NOT NULL', meaning),
  serverDefaultFix: (python: string, meaning: string) => l10n.t('Give it server_default={0}: existing rows get {1}', python, meaning),
};

export const mf103NotNullColumnAdded: ModelRule = {
  code: 'MF103',
  name: 'not-null-column-added',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'tableRows' },
  fixes: ['twoStep', 'serverDefault', 'ignore'],
  preferredFix: 'serverDefault',
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('A required column added to a table with rows');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      bad: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    country = db.Column(db.String(2), nullable=False)
#   ^^^^^^^ MF103
`,
      good: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    country = db.Column(db.String(2), nullable=False, server_default="ES")
`,
      get why() {
        return l10n.t('With a server default the existing rows get a value as the column is added.');
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      if (change.kind !== 'addColumn' || !change.onExistingTable || change.columnAfter.nullable || change.columnAfter.default !== null) return [];
      const after = change.columnAfter;
      if (sequenceOfDefault(after.default) !== null) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF103', table);
      const fill = backfillFor(after.type, ctx.models.schema.enums);
      return [
        {
          code: 'MF103',
          severity: 'warning',
          table,
          column,
          destructive: false,
          file: place.file,
          range: place.range,
          message: text.message(table, column, count?.totalRows),
          fixes: [
            ...(fill
              ? [
                  // Each title says what the existing rows get; a placeholder such as '' is a step to replace by hand.
                  { kind: 'twoStep' as const, title: text.twoStepFix(fill.meaning, fill.placeholder), table, column, backfill: fill.sql },
                  {
                    kind: 'serverDefault' as const,
                    title: text.serverDefaultFix(fill.python, fill.meaning),
                    table,
                    column,
                    expression: fill.sql,
                    pythonValue: fill.python,
                  },
                ]
              : []),
            ignoreFix('MF103', place.file, place.range.start.line),
          ],
        } satisfies Finding,
      ];
    });
  },
};
