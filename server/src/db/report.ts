// Text for people: an ExecutionResult as the CLI prints it (the JSON form is the result itself).
import { BACKUP_SCHEMA, describeBackup, restoreHint } from './backup';
import type { ExecutionResult } from './executor';

export function formatExecution(result: ExecutionResult, opts: { showStatements: boolean; engine?: string }): string {
  const lines: string[] = [];
  for (const step of result.steps) {
    lines.push(`${step.direction === 'up' ? '↑' : '↓'} ${step.revision}${step.message ? ` ${step.message}` : ''}`);
    if (opts.showStatements) {
      for (const statement of step.statements) {
        const rows = statement.rowCount !== null && statement.rowCount > 0 ? `  -- ${statement.rowCount} row(s)` : '';
        lines.push(`    ${statement.sql.replace(/\s+/g, ' ').trim()};${rows}`);
      }
    }
    for (const backup of step.backups) {
      if (result.status === 'dry-run') {
        lines.push(
          `    would back up ${backup.rows} row(s) of ${describeBackup(backup)} to ${BACKUP_SCHEMA} before this step; nothing was backed up, because the dry run rolled back`,
        );
      } else if (result.status === 'applied')
        lines.push(
          ...restoreHint(backup)
            .split('\n')
            .map((l) => `    ${l}`),
        );
    }
    for (const target of (step.atRisk ?? []).filter((t) => !step.backups.some((b) => b.table === t.table && b.schema === t.schema))) {
      lines.push(`    destroys ${describeBackup(target)}${target.sql ? ` (raw SQL: ${target.sql.replace(/\s+/g, ' ').trim()})` : ''}; not backed up`);
    }
    for (const unchecked of step.unchecked ?? [])
      lines.push(`    not checked for data loss (raw SQL the engine cannot read): ${unchecked.sql.replace(/\s+/g, ' ').trim()}`);
  }
  const failure = result.failure;
  if (failure && result.status === 'failed') {
    if (failure.revision) lines.push(`Revision:  ${failure.revision}`);
    if (failure.location) lines.push(`Written at: ${failure.location.file}:${failure.location.range.start.line + 1}`);
    if (failure.statement) lines.push(`Statement: ${failure.statement}`);
    lines.push(`${opts.engine ?? 'PostgreSQL'}: ${failure.message}${failure.code ? ` (SQLSTATE ${failure.code})` : ''}`);
    if (failure.detail) lines.push(`Detail:    ${failure.detail}`);
    if (failure.hint) lines.push(`Hint:      ${failure.hint}`);
  }
  lines.push(result.summary);
  return lines.join('\n');
}

export function exitCodeOf(result: ExecutionResult): number {
  return result.status === 'applied' || result.status === 'dry-run' || result.status === 'nothing-to-do' ? 0 : 2;
}
