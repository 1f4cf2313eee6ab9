// Text for people: an ExecutionResult as the CLI prints it (the JSON form is the result itself).
import { BACKUP_SCHEMA, describeBackup, restoreHint } from './backup';
import { restoredLine } from './downgradeRestore';
import type { ExecutionResult } from './executor';
import { riskCountLine } from './riskCounts';
import * as l10n from '@vscode/l10n';
import { rowsText } from './counts';

const TEXT = {
  rows: (rows: number) => l10n.t('-- {0}', rowsText(rows)),
  wouldBackUp: (rows: number, what: string, schema: string) =>
    l10n.t('would back up {0} of {1} to {2} before this step; nothing was backed up, because the dry run rolled back', rowsText(rows), what, schema),
  destroys: (what: string) => l10n.t('destroys {0}; not backed up', what),
  destroysSql: (what: string, sql: string) => l10n.t('destroys {0} (raw SQL: {1}); not backed up', what, sql),
  unchecked: (sql: string) => l10n.t('not checked for data loss (raw SQL the engine cannot read): {0}', sql),
  revision: (revision: string) => l10n.t('Revision:  {0}', revision),
  writtenAt: (place: string) => l10n.t('Written at: {0}', place),
  statement: (sql: string) => l10n.t('Statement: {0}', sql),
  detail: (detail: string) => l10n.t('Detail:    {0}', detail),
  hint: (hint: string) => l10n.t('Hint:      {0}', hint),
};

export function formatExecution(result: ExecutionResult, opts: { showStatements: boolean; engine?: string }): string {
  const lines: string[] = [];
  for (const step of result.steps) {
    lines.push(`${step.direction === 'up' ? '↑' : '↓'} ${step.revision}${step.message ? ` ${step.message}` : ''}`);
    if (opts.showStatements) {
      for (const statement of step.statements) {
        const rows = statement.rowCount !== null && statement.rowCount > 0 ? `  ${TEXT.rows(statement.rowCount)}` : '';
        lines.push(`    ${statement.sql.replace(/\s+/g, ' ').trim()};${rows}`);
      }
    }
    for (const backup of step.backups) {
      if (result.status === 'dry-run') {
        lines.push(`    ${TEXT.wouldBackUp(backup.rows, describeBackup(backup), BACKUP_SCHEMA)}`);
      } else if (result.status === 'applied')
        lines.push(
          ...restoreHint(backup)
            .split('\n')
            .map((l) => `    ${l}`),
        );
    }
    for (const count of step.rowCounts ?? []) lines.push(`    ${riskCountLine(count)}`);
    for (const restored of step.restored ?? []) lines.push(`    ${restoredLine(restored, result.status === 'dry-run')}`);
    for (const target of (step.atRisk ?? []).filter((t) => !step.backups.some((b) => b.table === t.table && b.schema === t.schema))) {
      const what = describeBackup(target);
      lines.push(`    ${target.sql ? TEXT.destroysSql(what, target.sql.replace(/\s+/g, ' ').trim()) : TEXT.destroys(what)}`);
    }
    for (const unchecked of step.unchecked ?? []) lines.push(`    ${TEXT.unchecked(unchecked.sql.replace(/\s+/g, ' ').trim())}`);
  }
  const failure = result.failure;
  if (failure && result.status === 'failed') {
    if (failure.revision) lines.push(TEXT.revision(failure.revision));
    if (failure.location) lines.push(TEXT.writtenAt(`${failure.location.file}:${failure.location.range.start.line + 1}`));
    if (failure.statement) lines.push(TEXT.statement(failure.statement));
    lines.push(`${opts.engine ?? 'PostgreSQL'}: ${failure.message}${failure.code ? ` (SQLSTATE ${failure.code})` : ''}`);
    if (failure.detail) lines.push(TEXT.detail(failure.detail));
    if (failure.hint) lines.push(TEXT.hint(failure.hint));
  }
  lines.push(result.summary);
  return lines.join('\n');
}

export function exitCodeOf(result: ExecutionResult): number {
  return result.status === 'applied' || result.status === 'dry-run' || result.status === 'nothing-to-do' ? 0 : 2;
}
