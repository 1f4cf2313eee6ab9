// Finding: PG301 — a column type change that makes PostgreSQL rewrite the whole table while holding
// an ACCESS EXCLUSIVE lock: no reads or writes until it is done.
import * as l10n from '@vscode/l10n';
import type { Finding, KnownRowCount } from '../findings';
import { dialectOf, qualified, rowCountFor, tableSizeText, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { enumPlace, placeFor } from './locate';
import type { ModelRule } from './record';
import { rewritesTable } from './typeChanges';

const text = {
  get title() {
    return l10n.t('Type change rewrites the table');
  },
  get summary() {
    return l10n.t('A column type change makes PostgreSQL rewrite the whole table (or an enum is recreated, rewriting every table using it).');
  },
  get data() {
    return l10n.t('The type change rewrites the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until it finishes.');
  },
  get safe() {
    return l10n.t('On a big table, add a new column, backfill it in batches, switch the code over, then drop the old column.');
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        'Widening a `varchar` or going to `text`, and more `numeric` precision with the same scale, only change the catalog. Every other type change rewrites the table and its indexes under ACCESS EXCLUSIVE.',
      );
    },
    get sqlite() {
      return l10n.t(
        'SQLite has no `ALTER COLUMN`: batch mode (`with op.batch_alter_table(...)`) creates a new table, copies every row into it, drops the old one and renames the new one. The database file is locked for writes while it copies; a big table takes a while and needs free disk space for the copy.',
      );
    },
  },
  sqliteMessage: (table: string, column: string, from: string, to: string, size: KnownRowCount | undefined) =>
    size === undefined
      ? l10n.t(
          'Changing {0} from {1} to {2} makes batch mode copy table {3} into a new one: the database file is locked for writes until the copy is done.',
          qualified(table, column),
          from,
          to,
          qualified(table),
        )
      : l10n.t(
          'Changing {0} from {1} to {2} makes batch mode copy table {3} ({4} in the dev database) into a new one: the database file is locked for writes until the copy is done.',
          qualified(table, column),
          from,
          to,
          qualified(table),
          tableSizeText(size),
        ),
  message: (table: string, column: string, from: string, to: string, size: KnownRowCount | undefined) =>
    size === undefined
      ? l10n.t(
          'Changing {0} from {1} to {2} rewrites table {3} under an ACCESS EXCLUSIVE lock: reads and writes wait until it finishes.',
          qualified(table, column),
          from,
          to,
          qualified(table),
        )
      : l10n.t(
          'Changing {0} from {1} to {2} rewrites table {3} ({4} in the dev database) under an ACCESS EXCLUSIVE lock: reads and writes wait until it finishes.',
          qualified(table, column),
          from,
          to,
          qualified(table),
          tableSizeText(size),
        ),
  enumMessage: (name: string, tables: string[]) => {
    const names = tables.map((t) => qualified(t)).join(', ');
    return tables.length === 1
      ? l10n.t('Changing the labels of enum `{0}` recreates the type: {1} is rewritten under an ACCESS EXCLUSIVE lock.', name, names)
      : l10n.t('Changing the labels of enum `{0}` recreates the type: {1} are rewritten under an ACCESS EXCLUSIVE lock.', name, names);
  },
};

export const pg301TableRewrite: ModelRule = {
  code: 'PG301',
  name: 'table-rewrite',
  source: 'models',
  severity: 'info',
  text,
  rowsAtRisk: { measure: 'tableEstimate' },
  fixes: ['ignore'],
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('Integer to big integer');
      },
      head: `
class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    counter = db.Column(db.Integer)
`,
      bad: `
class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    counter = db.Column(db.BigInteger)
#   ^^^^^^^ PG301
`,
      good: `
class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    counter = db.Column(db.Integer)
    counter_big = db.Column(db.BigInteger)
`,
      get why() {
        return l10n.t('A new column is added without a rewrite; backfill it in batches, switch the code to it, then drop the old one in a later migration.');
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change): Finding[] => {
      if (change.kind === 'recreateEnum') {
        // Recreating an enum converts every column using it to text and back: two rewrites per table.
        const tables = [...new Set(change.upgrade.flatMap((op) => (op.kind === 'alterColumn' ? [op.table] : [])))];
        if (tables.length === 0) return [];
        const name = change.enumName as string;
        const place = enumPlace(ctx.models, ctx.head, name);
        return [
          {
            code: 'PG301',
            severity: 'info',
            table: tables[0] as string,
            destructive: false,
            file: place.file,
            range: place.range,
            message: text.enumMessage(name, tables),
            fixes: [ignoreFix('PG301', place.file, place.range.start.line)],
          },
        ];
      }
      if (change.kind !== 'alterColumn' || !change.alteration.type) return [];
      const type = change.alteration.type;
      const sqlite = dialectOf(ctx) === 'sqlite';
      // On SQLite every column type change is a batch copy of the table.
      if (!sqlite && !rewritesTable(type[0], type[1])) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'PG301', table);
      return [
        {
          code: 'PG301',
          severity: 'info',
          table,
          column,
          destructive: false,
          file: place.file,
          range: place.range,
          message: sqlite ? text.sqliteMessage(table, column, type[0], type[1], count) : text.message(table, column, type[0], type[1], count),
          typeChange: { from: type[0], to: type[1] },
          fixes: [ignoreFix('PG301', place.file, place.range.start.line)],
        } satisfies Finding,
      ];
    });
  },
};
