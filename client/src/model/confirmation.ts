// Pure: the text of the modal dialog shown before a move that destroys data. It names every table and
// column at risk with its row count, says where the backup goes, and what the button does.

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
  /** Non-null values in the column (column risks only). */
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
}

export interface ConfirmationText {
  message: string;
  detail: string;
  confirmLabel: string;
}

const nf = new Intl.NumberFormat('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${nf.format(n)} ${n === 1 ? one : many}`;
}

export function describeRisk(risk: RiskItem): string {
  const what = risk.column === null ? `table ${risk.table}` : `column ${risk.table}.${risk.column}`;
  let counts: string;
  if (risk.rows === null) counts = 'row count unknown';
  else if (risk.column !== null && risk.values !== undefined && risk.values !== null) counts = `${plural(risk.rows, 'row')}, ${plural(risk.values, 'non-null value')}`;
  else counts = plural(risk.rows, 'row');
  const by = risk.revision ? ` in ${risk.revision}` : '';
  return `${what} ${risk.action}${by} (${counts}) [${risk.code}]`;
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
  return [tables ? plural(tables, 'table') : '', columns ? plural(columns, 'column') : ''].filter(Boolean).join(' and ');
}

export function confirmationText(plan: MovePlan): ConfirmationText {
  const verb = plan.direction === 'upgrade' ? 'Upgrade' : 'Downgrade';
  const total = rowsAtRisk(plan.risks);
  const where = whereAtRisk(plan.risks);
  const unchecked = plan.unchecked ?? [];
  const message = plan.risks.length === 0
    ? `${verb} to ${plan.target} runs raw SQL that Migration Guard could not check for data loss.`
    : total === null
      ? `${verb} to ${plan.target} destroys data in ${where}.`
      : `${verb} to ${plan.target} destroys data: ${plural(total, 'row')} in ${where}.`;
  const lines: string[] = [`Database: ${plan.database}`];
  if (plan.steps.length) {
    lines.push(`Runs ${plural(plan.steps.length, 'revision')}: ${plan.steps.map((s) => s.revision + (s.message ? ` (${s.message})` : '')).join(' → ')}`);
  }
  if (plan.risks.length > 0) lines.push('', 'Data at risk:', ...plan.risks.map((r) => `• ${describeRisk(r)}`));
  if (unchecked.length > 0) lines.push('', 'Not checked (raw SQL Migration Guard cannot read; review it yourself):', ...unchecked.map((u) => `• ${u.length > 160 ? `${u.slice(0, 157)}...` : u}`));
  lines.push('');
  lines.push(plan.backup
    ? 'A backup of these tables and columns is copied into the schema migration_guard_backup first; the output shows how to restore it.'
    : 'Backup is turned off (migrationGuard.backupBeforeDestructive): this cannot be undone.');
  return { message, detail: lines.join('\n'), confirmLabel: `${verb} and Drop Data` };
}
