// Why a step puts a table or column at risk, and the finding code each reason is reported under
// (raw SQL gets the code of the op it acts like; DELETE / UPDATE count the table's rows). One list,
// read by the row counts (./riskCounts), the CLI's report and the extension's confirmation.
export type BackupReason = 'dropTable' | 'dropColumn' | 'alterType' | 'deleteRows' | 'overwriteRows' | 'dropSchema';

export const BACKUP_REASON_CODE: Record<BackupReason, string> = {
  dropTable: 'DS102',
  dropSchema: 'DS102',
  dropColumn: 'DS103',
  alterType: 'MF105',
  deleteRows: 'SQL',
  overwriteRows: 'SQL',
};

/** The code for a reason read from JSON (an unknown reason counts as raw SQL). */
export function codeOfBackupReason(reason: string): string {
  return (BACKUP_REASON_CODE as Record<string, string | undefined>)[reason] ?? 'SQL';
}
