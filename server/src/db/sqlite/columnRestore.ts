// Putting one column's values back from a file backup: the .bak is a complete, consistent copy, so
// it holds every dropped or retyped column's values with their rows' primary keys. The current file
// is copied aside first; then, in one transaction (BEGIN IMMEDIATE, the app's locks honoured), each
// row of the table whose primary key is in the backup gets the backed-up value. Rows added since keep
// theirs. This is the SQLite counterpart of PostgreSQL's per-column backup tables (see docs/sqlite.md
// for why the copies are not tables inside app.db).
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatNumber } from '../../core/locale';
import { fileStamp } from './backups';
import { sqliteIdent as q, type SqliteConnection } from './driver';

export const COLUMN_RESTORE_MESSAGES = {
  badSpec: (spec: string) => l10n.t('--column takes TABLE.COLUMN (got "{0}")', spec),
  notFound: (file: string) => l10n.t('no such backup: {0}', file),
  noTable: (table: string, where: string) => l10n.t('table "{0}" is not in {1}', table, where),
  noColumn: (table: string, column: string, where: string) =>
    l10n.t('column "{0}.{1}" is not in {2}: recreate it first (e.g. downgrade the revision that dropped it), then restore', table, column, where),
  noKey: (table: string) => l10n.t('table "{0}" has no primary key in both files, so the backed-up values cannot be matched to rows', table),
  keyColumn: (table: string, column: string) => l10n.t('"{0}.{1}" is part of the primary key: restore the whole file instead', table, column),
  restored: (rows: number, table: string, column: string, backup: string, aside: string) =>
    rows === 1
      ? l10n.t('Restored the values of {0}.{1} in 1 row from {2}; the file before was kept as {3}.', table, column, backup, aside)
      : l10n.t('Restored the values of {0}.{1} in {2} rows from {3}; the file before was kept as {4}.', table, column, formatNumber(rows), backup, aside),
};

export type ColumnRestoreResult = { ok: true; rowsRestored: number; aside: string; message: string } | { ok: false; message: string };

const uriOf = (file: string) => `file:${path.resolve(file).replace(/\?/g, '%3f').replace(/#/g, '%23')}?mode=ro`;

async function columnsOf(conn: SqliteConnection, schema: 'main' | 'mg_backup', table: string): Promise<{ name: string; pk: number }[]> {
  const info = await conn.query(`PRAGMA ${schema}.table_info(${q(table)})`);
  return info.rows.map((r) => ({ name: String(r[1]), pk: Number(r[5]) }));
}

/** `restore DIR BACKUP --column TABLE.COLUMN` on a SQLite file. */
export async function restoreColumnFromFile(conn: SqliteConnection, backup: string, spec: string, now: Date = new Date()): Promise<ColumnRestoreResult> {
  const dot = spec.lastIndexOf('.');
  if (dot <= 0 || dot === spec.length - 1) return { ok: false, message: COLUMN_RESTORE_MESSAGES.badSpec(spec) };
  const table = spec.slice(0, dot);
  const column = spec.slice(dot + 1);
  if (!existsSync(backup)) return { ok: false, message: COLUMN_RESTORE_MESSAGES.notFound(backup) };
  await conn.query('ATTACH DATABASE ? AS mg_backup', [uriOf(backup)]);
  try {
    const now_ = await columnsOf(conn, 'main', table);
    const then = await columnsOf(conn, 'mg_backup', table);
    if (now_.length === 0) return { ok: false, message: COLUMN_RESTORE_MESSAGES.noTable(table, conn.file) };
    if (then.length === 0) return { ok: false, message: COLUMN_RESTORE_MESSAGES.noTable(table, backup) };
    if (!now_.some((c) => c.name === column)) return { ok: false, message: COLUMN_RESTORE_MESSAGES.noColumn(table, column, conn.file) };
    if (!then.some((c) => c.name === column)) return { ok: false, message: COLUMN_RESTORE_MESSAGES.noColumn(table, column, backup) };
    const key = now_.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (key.length === 0 || !key.every((k) => then.some((c) => c.name === k.name && c.pk > 0)))
      return { ok: false, message: COLUMN_RESTORE_MESSAGES.noKey(table) };
    if (key.some((k) => k.name === column)) return { ok: false, message: COLUMN_RESTORE_MESSAGES.keyColumn(table, column) };
    const aside = `${conn.file}.migration-guard-before-restore-${fileStamp(now)}.bak`;
    await conn.backupTo(aside);
    const match = key.map((k) => `b.${q(k.name)} = main.${q(table)}.${q(k.name)}`).join(' AND ');
    await conn.query('BEGIN IMMEDIATE');
    try {
      const updated = await conn.query(
        `UPDATE main.${q(table)} SET ${q(column)} = (SELECT b.${q(column)} FROM mg_backup.${q(table)} AS b WHERE ${match}) WHERE EXISTS (SELECT 1 FROM mg_backup.${q(table)} AS b WHERE ${match})`,
      );
      await conn.query('COMMIT');
      const rows = Math.max(0, updated.changes);
      return { ok: true, rowsRestored: rows, aside, message: COLUMN_RESTORE_MESSAGES.restored(rows, table, column, backup, aside) };
    } catch (error) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await conn.query('DETACH DATABASE mg_backup').catch(() => undefined);
  }
}
