// Finding: MF106 — a column added to an existing table with a volatile server default
// (gen_random_uuid(), random(), clock_timestamp()…): PostgreSQL must compute a value per row, so it
// rewrites the whole table under an ACCESS EXCLUSIVE lock. A constant (or now()) default does not.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { formatCount, qualified, rowCountFor, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

/**
 * Functions PostgreSQL marks VOLATILE that server defaults commonly call, nextval() included (a new
 * serial column rewrites the table too). now(), statement_timestamp() and txid_current() are STABLE:
 * no rewrite. server/test/db/volatileDefaults.test.ts measures each on a real server.
 */
const VOLATILE = /\b(gen_random_uuid|uuid_generate_v1(mc)?|uuid_generate_v4|random|clock_timestamp|timeofday|nextval)\s*\(/i;

const text = {
  get title() {
    return l10n.t('Column added with a volatile default');
  },
  get summary() {
    return l10n.t(
      'A column (typically NOT NULL) is added to an existing table with a server default PostgreSQL must compute for each row, such as `gen_random_uuid()`.',
    );
  },
  get data() {
    return l10n.t(
      'No data is lost, but every existing row gets its own value: PostgreSQL rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, so reads and writes wait until it finishes.',
    );
  },
  get safe() {
    return l10n.t(
      'On a big table, add the column nullable without the default, set the default for new rows (`ALTER … SET DEFAULT`), backfill existing rows in batches, then make it NOT NULL.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        'Since PostgreSQL 11 a constant or STABLE default (a literal, `now()`) is stored once in the catalog and the column is added instantly; a VOLATILE one (`gen_random_uuid()`, `random()`, `clock_timestamp()`) still rewrites the table.',
      );
    },
    sqlite: null,
  },
  message: (table: string, column: string, expression: string, rows: number | undefined) =>
    rows === undefined
      ? l10n.t(
          'Adding {0} with the volatile default `{1}` rewrites table {2} under an ACCESS EXCLUSIVE lock: each existing row gets its own value, and reads and writes wait until it finishes.',
          qualified(table, column),
          expression,
          qualified(table),
        )
      : l10n.t(
          'Adding {0} with the volatile default `{1}` rewrites table {2} ({3} rows in the dev database) under an ACCESS EXCLUSIVE lock: each existing row gets its own value, and reads and writes wait until it finishes.',
          qualified(table, column),
          expression,
          qualified(table),
          formatCount(rows),
        ),
};

export const mf106VolatileDefaultRewrite: ModelRule = {
  code: 'MF106',
  name: 'volatile-default-rewrite',
  source: 'models',
  severity: 'info',
  text,
  rowsAtRisk: { measure: 'tableRows' },
  fixes: ['ignore'],
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('A random token for every existing row');
      },
      head: `
class ApiKey(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
      bad: `
class ApiKey(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    salt = db.Column(db.Float, nullable=False, server_default=db.text("random()"))
#   ^^^^ MF106
`,
      good: `
class ApiKey(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    salt = db.Column(db.Float, nullable=False, server_default=db.text("0"))
`,
      get why() {
        return l10n.t(
          'A constant default is stored once in the catalog: the column is added instantly. Fill real values for the existing rows afterwards, in batches.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      if (change.kind !== 'addColumn' || !change.onExistingTable) return [];
      const expression = change.columnAfter.default;
      if (!expression || !VOLATILE.test(expression)) return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF106', table);
      return [
        {
          code: 'MF106',
          severity: 'info',
          table,
          column,
          destructive: false,
          file: place.file,
          range: place.range,
          message: text.message(table, column, expression, count?.totalRows),
          fixes: [ignoreFix('MF106', place.file, place.range.start.line)],
        } satisfies Finding,
      ];
    });
  },
};
