// Pure: the text of the modal dialog shown before a move that destroys data. It names every table and
// column at risk with its row count, says where the backup goes, and what the button does.
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../../server/src/core/locale';

export type Direction = 'upgrade' | 'downgrade';

export interface RiskItem {
  table: string;
  /** null when the whole table is at risk. */
  column: string | null;
  /** Finding code, e.g. DS102 (table dropped), DS103 (column dropped), MF104, MF105. */
  code: string;
  /** What happens, e.g. "dropped", "narrowed to character varying(20)". */
  action: string;
  /** Rows in the table; null when the database could not be counted. */
  rows: number | null;
  /** Column risks: what the rule counts (DS103 the non-null values, MF105 the values that do not fit or would change). */
  values?: number | null;
  /** Revision whose step does it. */
  revision?: string;
}

export interface MovePlan {
  direction: Direction;
  /** e.g. "head", "ae1027a6acf", "-1". */
  target: string;
  /** Revisions that will run, in order. */
  steps: { revision: string; message: string | null }[];
  risks: RiskItem[];
  /** Raw SQL no check could read, as "revision: statement" (named as not checked). */
  unchecked?: string[];
  /** Masked URL or a short description of the database. */
  database: string;
  backup: boolean;
  /** A SQLite database: the backup is a copy of this file, not migration_guard_backup tables. */
  sqliteFile?: string;
}

export interface ConfirmationText {
  message: string;
  detail: string;
  confirmLabel: string;
}

/** Counted nouns, as whole phrases: word order and plurals differ by language. */
const COUNT = {
  row: (n: number) => (n === 1 ? l10n.t('1 row') : l10n.t('{0} rows', formatNumber(n))),
  value: (n: number) => (n === 1 ? l10n.t('1 non-null value') : l10n.t('{0} non-null values', formatNumber(n))),
  changed: (n: number) =>
    n === 1 ? l10n.t('1 value that does not fit or would change') : l10n.t('{0} values that do not fit or would change', formatNumber(n)),
  table: (n: number) => (n === 1 ? l10n.t('1 table') : l10n.t('{0} tables', formatNumber(n))),
  column: (n: number) => (n === 1 ? l10n.t('1 column') : l10n.t('{0} columns', formatNumber(n))),
};

export function describeRisk(risk: RiskItem): string {
  const what = risk.column === null ? l10n.t('table {0}', risk.table) : l10n.t('column {0}', `${risk.table}.${risk.column}`);
  let counts: string;
  if (risk.rows === null) counts = l10n.t('row count unknown');
  else if (risk.column !== null && risk.values !== undefined && risk.values !== null)
    counts = `${COUNT.row(risk.rows)}, ${risk.code === 'MF105' ? COUNT.changed(risk.values) : COUNT.value(risk.values)}`;
  else counts = COUNT.row(risk.rows);
  return risk.revision
    ? l10n.t('{0} {1} in {2} ({3}) [{4}]', what, risk.action, risk.revision, counts, risk.code)
    : l10n.t('{0} {1} ({2}) [{3}]', what, risk.action, counts, risk.code);
}

/** Rows that would be lost, counting each table once (a dropped table's rows, else its largest column risk). */
export function rowsAtRisk(risks: RiskItem[]): number | null {
  const perTable = new Map<string, number>();
  for (const r of risks) {
    if (r.rows === null) return null;
    const affected = r.column === null ? r.rows : (r.values ?? r.rows);
    perTable.set(r.table, Math.max(perTable.get(r.table) ?? 0, affected));
  }
  return [...perTable.values()].reduce((a, b) => a + b, 0);
}

/** "1 table and 2 columns", "3 columns". */
export function whereAtRisk(risks: RiskItem[]): string {
  const tables = risks.filter((r) => r.column === null).length;
  const columns = risks.length - tables;
  if (tables && columns) return l10n.t('{0} and {1}', COUNT.table(tables), COUNT.column(columns));
  return tables ? COUNT.table(tables) : columns ? COUNT.column(columns) : '';
}

export function confirmationText(plan: MovePlan): ConfirmationText {
  const up = plan.direction === 'upgrade';
  const total = rowsAtRisk(plan.risks);
  const where = whereAtRisk(plan.risks);
  const unchecked = plan.unchecked ?? [];
  const message =
    plan.risks.length === 0
      ? up
        ? l10n.t('Upgrade to {0} runs raw SQL that Migration Guard could not check for data loss.', plan.target)
        : l10n.t('Downgrade to {0} runs raw SQL that Migration Guard could not check for data loss.', plan.target)
      : total === null
        ? up
          ? l10n.t('Upgrade to {0} destroys data in {1}.', plan.target, where)
          : l10n.t('Downgrade to {0} destroys data in {1}.', plan.target, where)
        : up
          ? l10n.t('Upgrade to {0} destroys data: {1} in {2}.', plan.target, COUNT.row(total), where)
          : l10n.t('Downgrade to {0} destroys data: {1} in {2}.', plan.target, COUNT.row(total), where);
  const lines: string[] = [l10n.t('Database: {0}', plan.database)];
  if (plan.steps.length) {
    const steps = plan.steps.map((s) => s.revision + (s.message ? ` (${s.message})` : '')).join(' → ');
    lines.push(plan.steps.length === 1 ? l10n.t('Runs 1 revision: {0}', steps) : l10n.t('Runs {0} revisions: {1}', formatNumber(plan.steps.length), steps));
  }
  if (plan.risks.length > 0) lines.push('', l10n.t('Data at risk:'), ...plan.risks.map((r) => `• ${describeRisk(r)}`));
  if (unchecked.length > 0)
    lines.push(
      '',
      l10n.t('Not checked (raw SQL Migration Guard cannot read; review it yourself):'),
      ...unchecked.map((u) => `• ${u.length > 160 ? `${u.slice(0, 157)}...` : u}`),
    );
  lines.push('');
  lines.push(
    plan.backup
      ? plan.sqliteFile
        ? l10n.t(
            'The database file is copied next to itself first ({0}.migration-guard-<revision>-<time>.bak); Restore from Backup puts back one column or the whole file.',
            plan.sqliteFile.split(/[\\/]/).pop() ?? plan.sqliteFile,
          )
        : l10n.t('A backup of these tables and columns is copied into the schema migration_guard_backup first; the output shows how to restore it.')
      : l10n.t('Backup is turned off (migrationGuard.backupBeforeDestructive): this cannot be undone.'),
  );
  return { message, detail: lines.join('\n'), confirmLabel: up ? l10n.t('Upgrade and Drop Data') : l10n.t('Downgrade and Drop Data') };
}
