// Backups of a SQLite file: a consistent copy made with VACUUM INTO while the migration holds the
// write lock (so it is exactly what the migration starts from), next to the database as
// `app.db.migration-guard-<revision>-<time>.bak`; the last N are kept. Restore copies the current
// contents aside first, then puts the chosen copy back through SQLite's backup API.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SqliteConnection } from './driver';
import * as l10n from '@vscode/l10n';

/** What a step put at risk, as the executor's backup targets name it: a table, or columns of one. */
export interface FileBackupTarget {
  table: string;
  columns: string[] | null;
  /** dropColumn, alterType, dropTable... (the executor's BackupReason). */
  reason?: string;
  /** The revision whose step put it at risk. */
  revision?: string;
}

export interface FileBackup {
  path: string;
  revision: string;
  createdAt: string;
}

/**
 * A backup as `restore DIR --format json` lists it. `targets` comes from the small JSON file written
 * beside the copy (`<backup>.json`): what the migration was about to destroy, so one column's values
 * can be put back without restoring the whole file. Older copies without it have `targets: []`.
 */
export interface ListedFileBackup extends FileBackup {
  direction: 'up' | 'down' | null;
  bytes: number;
  targets: FileBackupTarget[];
}

/** The sidecar of a backup: what it was taken for (never read as SQL, never restored into the database). */
export const sidecarOf = (backup: string) => `${backup}.json`;

export const BACKUP_MESSAGES = {
  notFound: (file: string) => l10n.t('no such backup: {0}', file),
  none: (db: string) => l10n.t('no Migration Guard backups of {0} (they are named {1})', db, `${path.basename(db)}.migration-guard-<revision>-<time>.bak`),
  restored: (backup: string, db: string, aside: string) => l10n.t('Restored {0} over {1}; the file it replaced was kept as {2}.', backup, db, aside),
};

/** 20261201T101500123Z: sorts by time, valid in every file system. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '');
}

const safePart = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');

export function backupFileName(db: string, revision: string, date: Date): string {
  return `${db}.migration-guard-${safePart(revision)}-${fileStamp(date)}.bak`;
}

/** The backups of `db`, newest first. */
export function listFileBackups(db: string): string[] {
  const dir = path.dirname(db);
  const prefix = `${path.basename(db)}.migration-guard-`;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.bak') && !n.startsWith(`${prefix}before-restore-`));
  } catch {
    return [];
  }
  return names.map((n) => path.join(dir, n)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs || (a < b ? 1 : -1));
}

export async function takeFileBackup(
  conn: SqliteConnection,
  revision: string,
  now: Date,
  keep: number,
  about: { direction: 'up' | 'down'; targets: FileBackupTarget[] } = { direction: 'up', targets: [] },
): Promise<FileBackup> {
  const target = backupFileName(conn.file, revision, now);
  await conn.backupTo(target);
  writeFileSync(
    sidecarOf(target),
    `${JSON.stringify({ revision, direction: about.direction, createdAt: now.toISOString(), targets: about.targets }, null, 2)}\n`,
  );
  for (const old of listFileBackups(conn.file).slice(Math.max(1, keep))) {
    rmSync(old, { force: true });
    rmSync(sidecarOf(old), { force: true });
  }
  return { path: target, revision, createdAt: now.toISOString() };
}

/** The backups of `db`, newest first, with what each was taken for. */
export function describeFileBackups(db: string): ListedFileBackup[] {
  return listFileBackups(db).map((file) => {
    let about: { revision?: string; direction?: 'up' | 'down'; createdAt?: string; targets?: FileBackupTarget[] } = {};
    try {
      about = JSON.parse(readFileSync(sidecarOf(file), 'utf8')) as typeof about;
    } catch {
      // A copy from before sidecars (or one copied by hand): the name still says the revision.
    }
    const stat = statSync(file);
    const fromName = /\.migration-guard-(.+)-(\d{8}T\d+Z)\.bak$/.exec(file);
    return {
      path: file,
      revision: about.revision ?? fromName?.[1] ?? '',
      createdAt: about.createdAt ?? stat.mtime.toISOString(),
      direction: about.direction ?? null,
      bytes: stat.size,
      targets: Array.isArray(about.targets) ? about.targets : [],
    };
  });
}

/**
 * Puts `backup` (default: the newest) back into the database of `conn`, after copying the current
 * contents aside as `<db>.migration-guard-before-restore-<time>.bak`. Both copies go through SQLite's
 * backup API, so the app's locks and journal are honoured.
 */
export async function restoreFileBackup(
  conn: SqliteConnection,
  backup: string | null,
  now: Date = new Date(),
): Promise<{ ok: true; restored: string; aside: string; message: string } | { ok: false; message: string }> {
  const db = conn.file;
  const chosen = backup ?? listFileBackups(db)[0] ?? null;
  if (chosen === null) return { ok: false, message: BACKUP_MESSAGES.none(db) };
  if (!existsSync(chosen)) return { ok: false, message: BACKUP_MESSAGES.notFound(chosen) };
  const aside = `${db}.migration-guard-before-restore-${fileStamp(now)}.bak`;
  await conn.backupTo(aside);
  await conn.restoreFrom(path.resolve(chosen));
  return { ok: true, restored: chosen, aside, message: BACKUP_MESSAGES.restored(chosen, db, aside) };
}
