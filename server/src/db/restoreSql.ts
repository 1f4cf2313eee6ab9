// The SQL that puts one backup back. Never duplicates a row:
// - columns of a table with a primary key: UPDATE ... FROM the backup, matched on the key;
// - a whole table with a primary key: INSERT ... ON CONFLICT (key) DO UPDATE (rows still there are
//   set back to their backed-up values, missing ones come back);
// - a table without a primary key (whole, or some of its columns): its whole content is replaced by
//   the backup's, since no column tells the rows apart;
// and after any INSERT, each serial / identity sequence is set past the highest restored value, so
// the application's next insert does not collide with a restored id.
import type { BackupTarget } from './backupTargets';

export const BACKUP_SCHEMA = 'migration_guard_backup';

export interface LiveColumn {
  name: string;
  type: string;
  /** Enum (or enum array) columns are stored as text, so the backup never pins the type (DROP TYPE must still work). */
  userType: boolean;
  /** Fed by a sequence (serial or identity) at backup time. */
  serial: boolean;
}

/** C0/C1 control characters and the Unicode line separators: never raw in a restore statement (one per line). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const unicodeEscape = (ch: string) => `\\${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A quoted identifier; a name with a line break or control character is written U&"new\000aline". */
export function ident(name: string): string {
  if (!CONTROL.test(name)) return `"${name.replace(/"/g, '""')}"`;
  const body = [...name].map((ch) => (ch === '\\' ? '\\\\' : ch === '"' ? '""' : CONTROL.test(ch) ? unicodeEscape(ch) : ch)).join('');
  return `U&"${body}"`;
}

/** A string literal; text with a line break or control character is written E'new\u000aline'. */
export function literal(text: string): string {
  if (!CONTROL.test(text)) return `'${text.replace(/'/g, "''")}'`;
  const body = [...text]
    .map((ch) => (ch === '\\' ? '\\\\' : ch === "'" ? "''" : CONTROL.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch))
    .join('');
  return `E'${body}'`;
}

/** The table as SQL: `"t"`, or `"s"."t"` when the SQL named another schema. */
export function qualifiedTable(target: Pick<BackupTarget, 'table' | 'schema'>): string {
  return target.schema ? `${ident(target.schema)}.${ident(target.table)}` : ident(target.table);
}

/**
 * The table as text for to_regclass / pg_get_serial_sequence, which read plain "quoted" names only
 * (no U&"..."); bound as a parameter or written through literal(), so a line break in it is harmless.
 */
export function regclassText(target: Pick<BackupTarget, 'table' | 'schema'>): string {
  const plain = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return target.schema ? `${plain(target.schema)}.${plain(target.table)}` : plain(target.table);
}

const restored = (c: LiveColumn, alias: string) => (c.userType ? `${alias}${ident(c.name)}::${c.type}` : `${alias}${ident(c.name)}`);

/**
 * setval past the highest value of each sequence-fed column (a no-op where the column has no sequence
 * any more). pg_get_serial_sequence reads the table name as text in plain "quoted" form (no U&"...").
 */
function sequenceFixes(target: Pick<BackupTarget, 'table' | 'schema'>, copied: readonly LiveColumn[]): string[] {
  const table = qualifiedTable(target);
  const tableText = regclassText(target);
  return copied
    .filter((c) => c.serial)
    .map(
      (c) =>
        `SELECT setval(pg_get_serial_sequence(${literal(tableText)}, ${literal(c.name)}), COALESCE(MAX(${ident(c.name)}), 1), MAX(${ident(c.name)}) IS NOT NULL) FROM ${table};`,
    );
}

/** The restore script: one statement per line, to run in one transaction. */
export function restoreSql(
  target: BackupTarget,
  backup: string,
  primaryKey: readonly string[],
  keyColumns: readonly string[],
  copied: readonly LiveColumn[],
): string {
  const source = `${BACKUP_SCHEMA}.${ident(backup)}`;
  const table = qualifiedTable(target);
  const names = copied.map((c) => ident(c.name)).join(', ');
  const values = copied.map((c) => restored(c, '')).join(', ');
  if (target.columns !== null && keyColumns.length > 0) {
    const atRisk = copied.filter((c) => target.columns?.includes(c.name));
    const sets = atRisk.map((c) => `${ident(c.name)} = ${restored(c, 'b.')}`).join(', ');
    const match = keyColumns.map((k) => `t.${ident(k)} = b.${ident(k)}`).join(' AND ');
    return `UPDATE ${table} AS t SET ${sets} FROM ${source} AS b WHERE ${match};`;
  }
  const statements: string[] = [];
  if (primaryKey.length > 0 && primaryKey.every((k) => copied.some((c) => c.name === k))) {
    const others = copied.filter((c) => !primaryKey.includes(c.name));
    const onConflict = others.length > 0 ? `DO UPDATE SET ${others.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')}` : 'DO NOTHING';
    statements.push(`INSERT INTO ${table} (${names}) SELECT ${values} FROM ${source} ON CONFLICT (${primaryKey.map(ident).join(', ')}) ${onConflict};`);
  } else {
    statements.push(`DELETE FROM ${table};`, `INSERT INTO ${table} (${names}) SELECT ${values} FROM ${source};`);
  }
  statements.push(...sequenceFixes(target, copied));
  return statements.join('\n');
}
