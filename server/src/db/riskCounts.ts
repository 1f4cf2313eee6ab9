// The counts behind the confirmation (the editor's modal and the CLI's dry run): for each table or
// column a step destroys, the same count `check --database-url` gives the finding of that code, made
// by the same request builder from the rule records (core/rules rowCountRequest) and the same counter
// (./rowsAtRisk). So a dropped column shows its non-null values (DS103), a dropped table its rows
// (DS102), a retyped column the values that would change or not fit (MF105), not a backup's size.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../core/findings';
import { countPhrase } from '../core/rules/countText';
import type { RowCountRequest } from '../core/rules/record';
import { rowCountRequest } from '../core/rules';
import type { MigrationOp } from '../core/schema/ops';
import type { Schema } from '../core/schema/types';
import { tableKey } from '../core/schema/tableKey';
import type { BackupTarget } from './backupTargets';
import type { RowsAtRisk } from './rowsAtRisk';

import { BACKUP_REASON_CODE as CODE_OF } from './backupReasons';

/** One count request per target (and per column), judged against the schema before the step. */
export function riskCountRequests(targets: readonly BackupTarget[], ops: readonly MigrationOp[], before: Schema): RowCountRequest[] {
  const out: RowCountRequest[] = [];
  for (const target of targets) {
    if (target.table === '*') continue;
    // The counter takes the table's key: "x.t" in another schema (core/schema/tableKey.ts).
    const table = tableKey(target.table, target.schema);
    const code = CODE_OF[target.reason];
    if (code === 'SQL') {
      out.push({ code, measure: 'tableRows', table });
      continue;
    }
    for (const column of target.columns ?? [undefined]) {
      const retype = column === undefined ? undefined : ops.find((op) => op.kind === 'alterColumn' && op.table === table && op.column === column && op.type);
      const from = column === undefined ? undefined : before.tables[table]?.columns[column]?.type;
      const typeChange = retype?.kind === 'alterColumn' && retype.type && from ? { from, to: retype.type } : undefined;
      const finding = { code, table, ...(column !== undefined ? { column } : {}), ...(typeChange ? { typeChange } : {}) } as Finding;
      const request = rowCountRequest(finding);
      if (request) out.push(request);
    }
  }
  return out;
}

/** "at risk: post.body: 998 non-null values (of 1,000 rows) [DS103]", for the CLI's report of a run. */
export function riskCountLine(count: RowsAtRisk): string {
  const where = count.column === undefined ? count.table : `${count.table}.${count.column}`;
  if (count.problem !== null) return l10n.t('at risk: {0}: rows not counted: {1} [{2}]', where, count.problem, count.code);
  const phrase = countPhrase({ rows: { total: count.totalRows, atRisk: count.rowsAtRisk } }, count.measure) ?? '';
  return l10n.t('at risk: {0}: {1} [{2}]', where, phrase, count.code);
}
