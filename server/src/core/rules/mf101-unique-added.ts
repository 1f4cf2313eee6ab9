// Finding: MF101 — a unique constraint (or unique index) added on columns that already hold data:
// the migration fails if existing rows hold duplicates.
import * as l10n from '@vscode/l10n';
import type { Change } from '../diff/types';
import type { Finding } from '../findings';
import { quoteIdent, quoteTable } from '../render/sqlNames';
import { formatCount, qualified, rowCountFor, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('Unique constraint added on existing data');
  },
  get summary() {
    return l10n.t('A unique constraint or unique index is added on columns of an existing table that already hold values.');
  },
  get data() {
    return l10n.t('Adding a unique constraint fails if the column already holds duplicate values, and the whole migration rolls back.');
  },
  get safe() {
    return l10n.t(
      'Find the duplicates first (`SELECT col, count(*) FROM t GROUP BY col HAVING count(*) > 1`), clean them up in a data migration, then add the constraint.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        'Building the unique index scans the table and holds a lock that blocks writes; on duplicates it fails with `could not create unique index`. NULLs never count as duplicates.',
      );
    },
    get sqlite() {
      return l10n.t(
        "A unique constraint is added by batch mode's table copy, which fails on duplicates. Name it (a `naming_convention` on your `MetaData`): SQLite keeps constraint names only in the table's SQL, so an unnamed one cannot be dropped by a later migration.",
      );
    },
  },
  message: (table: string, columns: string[], groups: number | undefined) => {
    const where = qualified(table, columns.join(', '));
    if (groups === undefined) return l10n.t('Adding a unique constraint on {0} fails if existing rows hold duplicate values.', where);
    if (groups === 0)
      return l10n.t('Adding a unique constraint on {0} fails if existing rows hold duplicate values; the dev database has none there now.', where);
    return groups === 1
      ? l10n.t('Adding a unique constraint on {0} fails: the dev database has 1 group of duplicate values there.', where)
      : l10n.t('Adding a unique constraint on {0} fails: the dev database has {1} groups of duplicate values there.', where, formatCount(groups));
  },
  get inspectFix() {
    return l10n.t('Show the duplicate values');
  },
};

/** The columns and name of a unique constraint or unique index this change creates. */
function uniqueCreated(change: Change): { columns: string[]; name: string } | null {
  if (change.kind === 'createUnique') return { columns: change.key.columns, name: change.key.name ?? '' };
  if (change.kind === 'createIndex' && change.index.unique) return { columns: change.index.columns, name: change.index.name };
  return null;
}

export const mf101UniqueAdded: ModelRule = {
  code: 'MF101',
  name: 'unique-added',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'duplicateGroups' },
  fixes: ['inspectRows', 'ignore'],
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('`unique=True` on a column that holds data');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120))
`,
      bad: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
#   ^^^^^ MF101
`,
      good: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    # migration-guard: ignore MF101 (duplicates merged by revision 3c1d: "dedupe emails")
    email = db.Column(db.String(120), unique=True)
`,
      get why() {
        return l10n.t('Clean the duplicates up first (a data migration before this one), then add the constraint and say that it was checked.');
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      const created = uniqueCreated(change);
      const columns = created?.columns;
      const table = change.table as string;
      const existing = ctx.head.tables[table];
      // New columns start out NULL (never duplicates); only columns holding data matter.
      if (!columns || !change.onExistingTable || !existing || !columns.every((c) => existing.columns[c])) return [];
      const name = created?.name ?? '';
      const place =
        columns.length === 1
          ? placeFor(ctx.models, ctx.head, table, columns[0])
          : (ctx.models.sources.tables[table]?.constraints[name] ?? placeFor(ctx.models, ctx.head, table));
      const list = columns.map(quoteIdent).join(', ');
      const count = rowCountFor(ctx, 'MF101', table, undefined, columns);
      return [
        {
          code: 'MF101',
          severity: 'warning',
          table,
          ...(columns.length === 1 ? { column: columns[0] } : {}),
          destructive: false,
          file: place.file,
          range: place.range,
          message: text.message(table, columns, count?.rowsAtRisk),
          columns,
          fixes: [
            { kind: 'inspectRows', title: text.inspectFix, sql: `SELECT ${list}, count(*) FROM ${quoteTable(table)} GROUP BY ${list} HAVING count(*) > 1` },
            ignoreFix('MF101', place.file, place.range.start.line),
          ],
        } satisfies Finding,
      ];
    });
  },
};
