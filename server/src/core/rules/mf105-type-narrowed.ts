// Finding: MF105 — a type change that may lose or refuse stored values, classified as PostgreSQL
// behaves (docs/type-changes.md, measured by server/test/db/typeChanges.test.ts): a shorter varchar,
// fewer integer digits or an enum losing labels *fail* on values that do not fit (nothing is lost, not
// destructive); fewer decimals, fractions to integers, timestamp → date or text parsed as numbers
// *change* values silently (destructive, the loudest warning).
import * as l10n from '@vscode/l10n';
import type { Finding } from '../findings';
import { quoteIdent, quoteLiteral, quoteTable } from '../render/sqlNames';
import { sameSqliteAffinity } from '../schema/sqliteTypes';
import { dialectOf, formatCount, qualified, rowCountFor, type RuleContext } from './context';
import { ignoreFix } from './ignore';
import { enumPlace, placeFor } from './locate';
import type { ModelRule } from './record';
import { typeChangeEffect } from './typeChanges';

const text = {
  get title() {
    return l10n.t('Type narrowed');
  },
  get summary() {
    return l10n.t('A column type changes to one that cannot hold every stored value (shorter text, fewer digits, another kind), or an enum loses labels.');
  },
  get data() {
    return l10n.t(
      'It depends on the change (see docs/type-changes.md, measured on PostgreSQL): a shorter `varchar`, fewer integer digits, a smaller integer type or an enum losing labels make PostgreSQL refuse the change when a value does not fit — the migration fails and nothing is lost. Fewer decimals, fractions to integers, `timestamp` → `date`, text parsed as numbers, or an explicit `USING col::varchar(20)` succeed and change the values: that data is lost.',
    );
  },
  get safe() {
    return l10n.t(
      'Check the longest, largest or most precise stored value first; if some do not fit, fix those rows, or keep the wider type. Where values would change, copy them to a new column first and check the result.',
    );
  },
  dialects: {
    get postgresql() {
      return l10n.t(
        'A value too long for `varchar(n)` or too large for `numeric(p,s)` makes the `ALTER … TYPE` fail; fractions cast to integer and extra decimals are rounded silently. Removing enum labels recreates the type.',
      );
    },
    get sqlite() {
      return l10n.t(
        "SQLite enforces no `VARCHAR` length and no `NUMERIC` precision: a longer value stays as it is (batch mode copies it unchanged), so nothing is lost there, but the data no longer matches the type your models and other databases expect. A change of kind (text → integer, say) is a `CAST` during batch mode's table copy: `'abc'` becomes `0`.",
      );
    },
  },
  refusesMessage: (table: string, column: string, from: string, to: string, reason: string, values: number | undefined) => {
    const fails = l10n.t(
      'Changing {0} from {1} to {2} fails if any value does not fit (here: {3}). PostgreSQL refuses; nothing is lost.',
      qualified(table, column),
      from,
      to,
      reason,
    );
    if (values === undefined) return fails;
    return `${fails} ${values === 1 ? l10n.t('The dev database has 1 value that would not fit.') : l10n.t('The dev database has {0} values that would not fit.', formatCount(values))}`;
  },
  changesMessage: (table: string, column: string, from: string, to: string, reason: string, values: number | undefined) => {
    const loses = l10n.t(
      'Changing {0} from {1} to {2} DESTROYS DATA: {3}. PostgreSQL accepts it and the old values are gone.',
      qualified(table, column),
      from,
      to,
      reason,
    );
    if (values === undefined) return loses;
    return `${loses} ${values === 1 ? l10n.t('The dev database has 1 value that would change.') : l10n.t('The dev database has {0} values that would change.', formatCount(values))}`;
  },
  sqliteMessage: (table: string, column: string, from: string, to: string) =>
    l10n.t(
      'Changing {0} from {1} to {2}: SQLite does not enforce the new size, so longer values stay as they are (nothing is lost on SQLite, but they no longer fit the type PostgreSQL or MySQL would enforce).',
      qualified(table, column),
      from,
      to,
    ),
  enumMessage: (name: string, removed: string[]) => {
    const labels = removed.map((v) => quoteLiteral(v)).join(', ');
    return removed.length === 1
      ? l10n.t(
          'Removing {0} from enum `{1}` fails if any row still holds it: the type is recreated and every column using it converted, and PostgreSQL refuses a value that is no longer a label; nothing is lost.',
          labels,
          name,
        )
      : l10n.t(
          'Removing {0} from enum `{1}` fails if any row still holds them: the type is recreated and every column using it converted, and PostgreSQL refuses a value that is no longer a label; nothing is lost.',
          labels,
          name,
        );
  },
  enumCaseMessage: (name: string, model: string[], history: string[]) =>
    l10n.t(
      "The labels of enum `{0}` differ from the migrations' only in letter case (models: {1}; migrations: {2}): SQLAlchemy's Enum(SomeEnum) stores the member names, while the type was created with their values. Alembic does not compare enum labels, so `flask db migrate` writes nothing here; but inserts from the app fail until the two agree (values_callable=lambda e: [m.value for m in e] makes SQLAlchemy store the values).",
      name,
      model.map((v) => quoteLiteral(v)).join(', '),
      history.map((v) => quoteLiteral(v)).join(', '),
    ),
  inspectFix: (column: string) =>
    l10n.t('Check first which values would not fit: list the 100 most frequent {0} values with their counts (read-only query)', column),
};

export const mf105TypeNarrowed: ModelRule = {
  code: 'MF105',
  name: 'type-narrowed',
  source: 'models',
  severity: 'warning',
  text,
  rowsAtRisk: { measure: 'valuesNotFitting' },
  fixes: ['inspectRows', 'ignore'],
  examples: [
    {
      source: 'models',
      get title() {
        return l10n.t('A shorter `String`');
      },
      head: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
`,
      bad: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
#   ^^^^ MF105, PG301
`,
      good: `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
`,
      get why() {
        return l10n.t('Keep the wider type until every stored value fits the shorter one (`SELECT max(length(name)) FROM "user"`).');
      },
    },
    {
      source: 'models',
      get title() {
        return l10n.t('Fewer decimals: values are rounded (data loss)');
      },
      head: `
class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rate = db.Column(db.Numeric(12, 4))
`,
      bad: `
class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rate = db.Column(db.Numeric(12, 2))
#   ^^^^ MF105, PG301
`,
      good: `
class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rate = db.Column(db.Numeric(12, 4))
`,
      get why() {
        return l10n.t(
          'PostgreSQL accepts `numeric(12,4)` → `numeric(12,2)` and rounds every value (1.2345 becomes 1.23): the lost digits cannot come back. Keep the scale, or copy the values to a new column first.',
        );
      },
    },
  ],
  check(ctx: RuleContext): Finding[] {
    const enums = new Set([...Object.keys(ctx.head.enums), ...Object.keys(ctx.models.schema.enums)]);
    return ctx.changes.flatMap((change): Finding[] => {
      if (change.kind === 'recreateEnum' && change.enumBefore && change.enumAfter) {
        const removed = change.enumBefore.filter((v) => !change.enumAfter?.includes(v));
        if (removed.length === 0) return [];
        const name = change.enumName as string;
        const place = enumPlace(ctx.models, ctx.head, name);
        // PENDING in the model, pending in the history: a model that stores names against a type of values (a mistake of
        // the model's, which Alembic does not see), not a migration that drops labels: said, but not as a warning.
        const caseOnly = sameIgnoringCase(change.enumBefore, change.enumAfter);
        return [
          {
            code: 'MF105',
            severity: caseOnly ? 'info' : 'warning',
            table: '',
            destructive: false,
            file: place.file,
            range: place.range,
            message: caseOnly ? text.enumCaseMessage(name, change.enumAfter, change.enumBefore) : text.enumMessage(name, removed),
            fixes: [ignoreFix('MF105', place.file, place.range.start.line)],
          },
        ];
      }
      if (change.kind !== 'alterColumn' || !change.alteration.type) return [];
      const type = change.alteration.type;
      const effect = typeChangeEffect(type[0], type[1], enums, { fromLabels: ctx.head.enums[type[0]] ?? [] });
      if (effect.effect === 'none') return [];
      const table = change.table as string;
      const column = change.column as string;
      const place = placeFor(ctx.models, ctx.head, table, column);
      const count = rowCountFor(ctx, 'MF105', table, column);
      if (dialectOf(ctx) === 'sqlite' && sameSqliteAffinity(type[0], type[1], { ...ctx.head.enums, ...ctx.models.schema.enums })) {
        return [
          {
            code: 'MF105',
            severity: 'info',
            table,
            column,
            destructive: false,
            file: place.file,
            range: place.range,
            message: text.sqliteMessage(table, column, type[0], type[1]),
            typeChange: { from: type[0], to: type[1] },
            fixes: [ignoreFix('MF105', place.file, place.range.start.line)],
          },
        ];
      }
      return [
        {
          code: 'MF105',
          severity: 'warning',
          table,
          column,
          destructive: effect.effect === 'changes',
          file: place.file,
          range: place.range,
          message: (effect.effect === 'changes' ? text.changesMessage : text.refusesMessage)(table, column, type[0], type[1], effect.reason, count?.rowsAtRisk),
          typeChange: { from: type[0], to: type[1] },
          fixes: [
            {
              kind: 'inspectRows',
              title: text.inspectFix(column),
              sql: `SELECT ${quoteIdent(column)}, count(*) FROM ${quoteTable(table)} GROUP BY 1 ORDER BY 2 DESC LIMIT 100`,
            },
            ignoreFix('MF105', place.file, place.range.start.line),
          ],
        },
      ];
    });
  },
};

/** Two label lists that hold the same labels once lower-cased (and differ, or the enum would not change). */
function sameIgnoringCase(before: string[], after: string[]): boolean {
  const lower = (labels: string[]) => labels.map((v) => v.toLowerCase()).sort();
  const [a, b] = [lower(before), lower(after)];
  return a.length === b.length && new Set(a).size === a.length && a.every((v, i) => v === b[i]);
}
