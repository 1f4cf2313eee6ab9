// Pure: reads the CLI's `upgrade|downgrade --format json` result (the executor's ExecutionResult) and
// turns a dry run's backup records into the risks the confirmation dialog names.
import type { ExecutionResult } from '../../../server/src/db/executor';
import type { RiskItem } from './confirmation';

export function isExecutionResult(value: unknown): value is ExecutionResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ExecutionResult>;
  return typeof v.status === 'string' && Array.isArray(v.steps) && Array.isArray(v.headsBefore) && Array.isArray(v.headsAfter);
}

const ACTION = { dropTable: 'dropped', dropColumn: 'dropped', alterType: 'retyped (values are cast)' } as const;

/** Every table and column a run copied into the backup schema is data the real run would put at risk. */
export function risksFromExecution(result: ExecutionResult): RiskItem[] {
  const risks: RiskItem[] = [];
  for (const step of result.steps) {
    for (const backup of step.backups) {
      if (backup.columns === null) {
        risks.push({ table: backup.table, column: null, code: 'DS102', action: ACTION.dropTable, rows: backup.rows, revision: step.revision });
        continue;
      }
      for (const column of backup.columns) {
        risks.push({
          table: backup.table,
          column,
          code: backup.reason === 'alterType' ? 'MF105' : 'DS103',
          action: ACTION[backup.reason],
          rows: backup.rows,
          revision: step.revision,
        });
      }
    }
  }
  return risks;
}

/** The lines the output channel gets after a run: summary, each step, restore hints, the failure. */
export function executionReport(result: ExecutionResult): string[] {
  const lines = [result.summary];
  for (const step of result.steps) {
    lines.push(`  ${step.direction === 'up' ? '↑' : '↓'} ${step.revision}${step.message ? ` ${step.message}` : ''}: ${step.statements.length} statement(s)`);
    for (const backup of step.backups) {
      lines.push(`    backup ${backup.table}${backup.columns ? `(${backup.columns.join(', ')})` : ''} → migration_guard_backup.${backup.backupTable} (${backup.rows} rows)`);
      lines.push(`    restore with: ${backup.restoreSql}`);
    }
  }
  const f = result.failure;
  if (f) {
    if (f.revision) lines.push(`  revision: ${f.revision}`);
    if (f.statement) lines.push(`  statement: ${f.statement}`);
    lines.push(`  error: ${f.message}${f.code ? ` (SQLSTATE ${f.code})` : ''}`);
    if (f.detail) lines.push(`  detail: ${f.detail}`);
    if (f.hint) lines.push(`  hint: ${f.hint}`);
  }
  return lines;
}

/** The database's revisions from `current --format json`: an array of ids, or an object holding one. */
export function parseCurrentOutput(value: unknown): string[] | null {
  const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
  const direct = strings(value);
  if (direct) return direct;
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  for (const key of ['heads', 'current', 'revisions']) {
    const found = strings(o[key]);
    if (found) return found;
    if (Array.isArray(o[key])) {
      const ids = (o[key] as unknown[]).map((x) => (typeof x === 'object' && x !== null ? (x as { revision?: unknown; id?: unknown }).revision ?? (x as { id?: unknown }).id : undefined));
      if (ids.every((x) => typeof x === 'string')) return ids as string[];
    }
  }
  if (typeof o.revision === 'string') return [o.revision];
  if (o.revision === null) return [];
  return null;
}
