// Pure: reads the CLI's `upgrade|downgrade --format json` result (the executor's ExecutionResult) and
// turns a dry run's backup records into the risks the confirmation dialog names.
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../../server/src/core/locale';
import type { CurrentJson } from '../../../server/src/cliJson';
import type { ExecutionResult } from '../../../server/src/db/executor';
import type { RiskItem } from './confirmation';
import { codeOfBackupReason } from '../../../server/src/db/backupReasons';
import { movementSummary } from './movementText';
import { failureDetail, knownReason } from './runOutcome';

export function isExecutionResult(value: unknown): value is ExecutionResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ExecutionResult>;
  return typeof v.status === 'string' && Array.isArray(v.steps) && Array.isArray(v.headsBefore) && Array.isArray(v.headsAfter);
}

const ACTION: Record<string, () => string> = {
  dropTable: () => l10n.t('dropped'),
  dropColumn: () => l10n.t('dropped'),
  alterType: () => l10n.t('retyped (values are cast)'),
  deleteRows: () => l10n.t('rows deleted by raw SQL'),
  overwriteRows: () => l10n.t('every row overwritten by raw SQL'),
  dropSchema: () => l10n.t('dropped with its schema'),
};

type Target = NonNullable<ExecutionResult['steps'][number]['atRisk']>[number];
type Backup = ExecutionResult['steps'][number]['backups'][number];

const sameTarget = (a: Target, b: Backup) => a.table === b.table && (a.schema ?? null) === (b.schema ?? null) && a.reason === b.reason;

/**
 * Every table and column the step destroys: the plan's targets (whether or not a backup was taken),
 * with the row counts of the backups the dry run made. Older results without targets: the backups.
 */
export function risksFromExecution(result: ExecutionResult): RiskItem[] {
  const risks: RiskItem[] = [];
  for (const step of result.steps) {
    const targets: Target[] = step.atRisk ?? step.backups;
    for (const target of targets) {
      const backup = step.backups.find((b) => sameTarget(target, b));
      // SQLite's executor counts in the file (target.counted); PostgreSQL's by the rule's measure (step.rowCounts).
      const sqliteCount = 'counted' in target ? target.counted : undefined;
      const table = target.schema ? `${target.schema}.${target.table}` : target.table;
      const action = ACTION[target.reason]?.() ?? target.reason;
      const code = codeOfBackupReason(target.reason);
      // The rule's own count (what `check` reports for that code), else the rows the backup copied.
      const counted = (column: string | null) =>
        target.schema ? undefined : step.rowCounts?.find((c) => c.problem === null && c.table === target.table && (c.column ?? null) === column);
      if (target.columns === null) {
        const count = counted(null);
        risks.push({
          table,
          column: null,
          code,
          action,
          rows: count ? count.totalRows : backup ? backup.rows : (sqliteCount?.rows ?? null),
          revision: step.revision,
        });
        continue;
      }
      for (const column of target.columns) {
        const count = counted(column);
        const rows = count ? count.totalRows : backup ? backup.rows : (sqliteCount?.rows ?? null);
        const values = count ? count.rowsAtRisk : sqliteCount ? (sqliteCount.values[column] ?? null) : undefined;
        risks.push({ table, column, code, action, rows, ...(values !== undefined ? { values } : {}), revision: step.revision });
      }
    }
  }
  return risks;
}

/** Raw SQL statements no check could read: the confirmation names them as "not checked". */
export function uncheckedFromExecution(result: ExecutionResult): string[] {
  return result.steps.flatMap((step) => (step.unchecked ?? []).map((u) => `${step.revision}: ${u.sql.replace(/\s+/g, ' ').trim()}`));
}

/** The lines the output channel gets after a run: summary, each step, restore hints, the failure. */
export function executionReport(result: ExecutionResult): string[] {
  const lines = [movementSummary(result)];
  for (const step of result.steps) {
    const statements = step.statements.length === 1 ? l10n.t('1 statement') : l10n.t('{0} statements', step.statements.length);
    lines.push(`  ${step.direction === 'up' ? '↑' : '↓'} ${step.revision}${step.message ? ` ${step.message}` : ''}: ${statements}`);
    for (const backup of step.backups) {
      const what = `${backup.table}${backup.columns ? `(${backup.columns.join(', ')})` : ''}`;
      lines.push(`    ${l10n.t('backup {0} → {1} ({2} rows)', what, `migration_guard_backup.${backup.backupTable}`, formatNumber(backup.rows))}`);
      lines.push(`    ${l10n.t('restore with: {0}', backup.restoreSql)}`);
    }
    // A downgrade that re-created a dropped column or table: the values that came back from its backup.
    for (const r of step.restored ?? []) {
      const where = r.column === null ? r.table : `${r.table}.${r.column}`;
      const from = `migration_guard_backup."${r.backupTable}"`;
      const line =
        r.column === null
          ? l10n.t('restored {0} row(s) of table {1} from {2}', formatNumber(r.rows), where, from)
          : r.notNull
            ? l10n.t('restored {0} value(s) of {1} from {2}; NOT NULL again', formatNumber(r.rows), where, from)
            : l10n.t('restored {0} value(s) of {1} from {2}', formatNumber(r.rows), where, from);
      lines.push(`    ${line}`);
    }
  }
  const f = result.failure;
  if (f) {
    if (f.revision) lines.push(`  ${l10n.t('revision: {0}', f.revision)}`);
    if (f.statement) lines.push(`  ${l10n.t('statement: {0}', f.statement)}`);
    // The database's own error text as it came; our reasons in the user's language.
    const databaseError = knownReason(result)?.kind === 'database-error';
    lines.push(`  ${l10n.t('error: {0}', databaseError ? f.message : (failureDetail(result) ?? f.message))}${f.code ? ` (SQLSTATE ${f.code})` : ''}`);
    if (f.detail) lines.push(`  ${l10n.t('detail: {0}', f.detail)}`);
    if (f.hint) lines.push(`  ${l10n.t('hint: {0}', f.hint)}`);
  }
  return lines;
}

/** The database's revisions from `current --format json` (CurrentJson in server/src/cliJson.ts); null when it is not that. */
export function parseCurrentOutput(value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as Partial<CurrentJson>).heads)) return null;
  const heads = (value as CurrentJson).heads as unknown[];
  const ids = heads.map((h) => (typeof h === 'object' && h !== null ? (h as { revision?: unknown }).revision : undefined));
  return ids.every((id): id is string => typeof id === 'string') ? ids : null;
}
