// `--sql`: the script an upgrade or downgrade would run, without touching a database — like
// Alembic's offline mode: one transaction, alembic_version created if needed and moved per revision.
import { createVersionTableSql, DEFAULT_VERSION_TABLE, versionChange, versionStatementSql, type VersionGraph, type VersionTable } from './alembicVersion';
import type { PlannedStep } from './executor';

export function offlineScript(
  steps: readonly PlannedStep[],
  fromHeads: readonly string[],
  graph: VersionGraph,
  versionTableExists: boolean,
  versionTable: VersionTable = DEFAULT_VERSION_TABLE,
): string {
  const lines: string[] = ['BEGIN;', ''];
  if (!versionTableExists && steps.length > 0) lines.push(`${createVersionTableSql(versionTable)};`, '');
  let heads = [...fromHeads];
  for (const step of steps) {
    const parents = graph.parents(step.revision);
    const arrow = step.direction === 'up' ? `${parents.join(', ') || '<base>'} -> ${step.revision}` : `${step.revision} -> ${parents.join(', ') || '<base>'}`;
    lines.push(`-- Running ${step.direction === 'up' ? 'upgrade' : 'downgrade'} ${arrow}${step.message ? `, ${step.message}` : ''}`, '');
    for (const statement of step.statements) lines.push(`${statement.sql.trim().replace(/;\s*$/, '')};`, '');
    const change = versionChange(heads, step, graph);
    for (const statement of change.statements) lines.push(`${versionStatementSql(statement, versionTable)};`, '');
    heads = change.heads;
  }
  lines.push('COMMIT;');
  return lines.join('\n');
}
