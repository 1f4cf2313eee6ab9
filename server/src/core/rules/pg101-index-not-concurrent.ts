// Finding: PG101 — CREATE INDEX on a table that already exists blocks writes to it until the index
// is built; CONCURRENTLY does not (but cannot run inside a transaction).
import * as l10n from '@vscode/l10n';
import type { Finding, KnownRowCount } from '../findings';
import { dialectOf, qualified, rowCountFor, tableSizeText, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { placeFor } from './locate';
import type { ModelRule } from './record';

const text = {
  get title() {
    return l10n.t('Index created without CONCURRENTLY');
  },
  get summary() {
    return l10n.t('An index is created on a table that already exists, inside the migration transaction.');
  },
  get data() {
    return l10n.t('No data is lost, but `CREATE INDEX` blocks writes to the table until the index is built, which can take long on a big table.');
  },
  get safe() {
    return l10n.t('Create it `CONCURRENTLY` (`postgresql_concurrently=True` inside `op.get_context().autocommit_block()`).');
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        '`CREATE INDEX` takes a SHARE lock (reads go on, writes wait). `CREATE INDEX CONCURRENTLY` does not block writes but cannot run inside a transaction block, and leaves an INVALID index behind if it fails.',
      );
    },
    get sqlite() {
      return l10n.t(
        'Not reported on SQLite: there is no `CONCURRENTLY`, and every write, an index build included, holds the lock on the whole database file until it commits.',
      );
    },
  },
  message: (index: string, table: string, size: KnownRowCount | undefined) =>
    size === undefined
      ? l10n.t(
          'Creating index `{0}` on existing table {1} blocks writes to it until the index is built; CREATE INDEX CONCURRENTLY does not.',
          index,
          qualified(table),
        )
      : l10n.t(
          'Creating index `{0}` on existing table {1} ({2} in the dev database) blocks writes to it until the index is built; CREATE INDEX CONCURRENTLY does not.',
          index,
          qualified(table),
          tableSizeText(size),
        ),
  concurrentlyFix: (index: string) => l10n.t('Create {0} concurrently (outside the transaction)', index),
};

export const pg101IndexNotConcurrent: ModelRule = {
  code: 'PG101',
  name: 'index-not-concurrent',
  source: 'models',
  severity: 'info',
  text,
  rowsAtRisk: { measure: 'tableEstimate' },
  fixes: ['concurrently', 'ignore'],
  preferredFix: 'concurrently',
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('`index=True` on an existing column');
      },
      head: `
class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    placed_at = db.Column(db.DateTime)
`,
      bad: `
class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    placed_at = db.Column(db.DateTime, index=True)
#   ^^^^^^^^^ PG101
`,
      good: `
class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    # migration-guard: ignore PG101 (created CONCURRENTLY by the quick fix)
    placed_at = db.Column(db.DateTime, index=True)
`,
      get why() {
        return l10n.t(
          'The quick fix writes the migration with `op.create_index(..., postgresql_concurrently=True)` inside an autocommit block: writes go on while the index is built.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    return ctx.changes.flatMap((change) => {
      // SQLite has no CONCURRENTLY: any write, an index build included, locks the whole file (see the dialect note).
      if (dialectOf(ctx) === 'sqlite' || change.kind !== 'createIndex' || !change.onExistingTable || !change.index) return [];
      const table = change.table as string;
      const index = change.index;
      const place =
        index.columns.length === 1 && !ctx.models.sources.tables[table]?.constraints[index.name]
          ? placeFor(ctx.models, ctx.head, table, index.columns[0])
          : (ctx.models.sources.tables[table]?.constraints[index.name] ?? placeFor(ctx.models, ctx.head, table));
      const count = rowCountFor(ctx, 'PG101', table);
      return [
        {
          code: 'PG101',
          severity: 'info',
          table,
          ...(index.columns.length === 1 ? { column: index.columns[0] } : {}),
          destructive: false,
          file: place.file,
          range: place.range,
          message: text.message(index.name, table, count),
          fixes: [
            { kind: 'concurrently', title: text.concurrentlyFix(index.name), table, index: index.name },
            ignoreFix('PG101', place.file, place.range.start.line),
          ],
        } satisfies Finding,
      ];
    });
  },
};
