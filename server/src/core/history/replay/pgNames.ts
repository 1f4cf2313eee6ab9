// The names PostgreSQL gives what a migration creates without naming it.
// TODO(history): delegate to schema/naming.ts once it lands.
const MAX_IDENTIFIER = 63;

/** PostgreSQL's makeObjectName: "<table>_<column>_<label>", shortening the longer part first to fit 63 bytes. */
function objectName(table: string, column: string | null, label: string): string {
  let a = table;
  let b = column ?? '';
  const overhead = label.length + 1 + (column === null ? 0 : 1);
  while (a.length + b.length > MAX_IDENTIFIER - overhead) {
    if (a.length > b.length) a = a.slice(0, -1);
    else b = b.slice(0, -1);
  }
  return column === null ? `${a}_${label}` : `${a}_${b}_${label}`;
}

export const primaryKeyName = (table: string) => objectName(table, null, 'pkey');
export const uniqueName = (table: string, columns: string[]) => objectName(table, columns.join('_'), 'key');
export const foreignKeyName = (table: string, columns: string[]) => objectName(table, columns.join('_'), 'fkey');
export const checkName = (table: string, column: string | null) => objectName(table, column, 'check');
export const sequenceName = (table: string, column: string) => objectName(table, column, 'seq');

/** nextval('<seq>'::regclass) as pg_get_expr prints it (the sequence name is quoted when it must be). */
export function serialDefault(table: string, column: string): string {
  const seq = sequenceName(table, column);
  const quoted = /^[a-z_][a-z0-9_$]*$/.test(seq) ? seq : `"${seq.replace(/"/g, '""')}"`;
  return `nextval('${quoted.replace(/'/g, "''")}'::regclass)`;
}
