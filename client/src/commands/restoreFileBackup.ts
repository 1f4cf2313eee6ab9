// Restore from Backup on a SQLite project: the backups are copies of the whole file next to it
// (app.db.migration-guard-<revision>-<time>.bak), each with a note of what the migration was about to
// destroy. The picker offers, per copy, the values of each column it was taken for (put back by
// primary key, the rest of the file untouched) and the whole file (the current one is kept aside).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseJsonOutput } from '../db/cliRunner';
import { Cancelled } from '../errors';
import { notifyInfo } from '../notify';
import { cliFailure, runCliTask } from './cliTask';
import { confirmDestructive } from './confirmDestructive';
import type { ListedFileBackup } from '../../../server/src/db/sqlite/backups';
import type { CommandContext } from './context';
import { projectDir } from './pick';
import type { ProjectSnapshot } from '../views/projectRepository';

const TEXT = {
  get title() {
    return vscode.l10n.t('Restore from Backup');
  },
  get pick() {
    return vscode.l10n.t('Which backup of the SQLite file to put back?');
  },
  column: (table: string, column: string) => vscode.l10n.t('Values of {0}.{1}', table, column),
  get wholeFile() {
    return vscode.l10n.t('The whole file');
  },
  detail: (b: ListedFileBackup) =>
    b.direction === 'down'
      ? vscode.l10n.t('copy taken before downgrading {0}, {1}', b.revision, b.createdAt)
      : vscode.l10n.t('copy taken before upgrading to {0}, {1}', b.revision, b.createdAt),
  confirmColumn: (table: string, column: string, file: string) => vscode.l10n.t('Put back the values of {0}.{1} from {2}?', table, column, file),
  confirmColumnDetail: (database: string) =>
    `${vscode.l10n.t('Database: {0}', database)}\n\n${vscode.l10n.t(
      "Each row whose primary key is in the copy gets the copy's value of this column; rows added since keep theirs, and nothing else changes. The column must exist again (e.g. after downgrading the revision that dropped it). The current file is kept aside first, and it runs in one transaction.",
    )}`,
  confirmFile: (file: string) => vscode.l10n.t('Replace the database file with {0}?', file),
  confirmFileDetail: (database: string) =>
    `${vscode.l10n.t('Database: {0}', database)}\n\n${vscode.l10n.t(
      'Everything in the file goes back to the copy, alembic_version included: changes made since the copy are replaced. The current file is kept aside first as a before-restore copy.',
    )}`,
  get button() {
    return vscode.l10n.t('Restore');
  },
  doneColumn: (rows: number, table: string, column: string) =>
    rows === 1 ? vscode.l10n.t('Restored {0}.{1} in 1 row.', table, column) : vscode.l10n.t('Restored {0}.{1} in {2} rows.', table, column, rows),
  doneFile: (file: string, aside: string) => vscode.l10n.t('Restored the database file from {0}; the file it replaced was kept as {1}.', file, aside),
};

interface Choice extends vscode.QuickPickItem {
  backup: ListedFileBackup;
  column?: { table: string; column: string };
}

export function fileBackupChoices(backups: readonly ListedFileBackup[]): Choice[] {
  const items: Choice[] = [];
  for (const b of backups) {
    const name = path.basename(b.path);
    for (const target of b.targets)
      for (const column of target.columns ?? [])
        items.push({ label: TEXT.column(target.table, column), description: name, detail: TEXT.detail(b), backup: b, column: { table: target.table, column } });
    items.push({ label: TEXT.wholeFile, description: name, detail: TEXT.detail(b), backup: b });
  }
  return items;
}

/** The SQLite half of Restore from Backup: returns the rows restored (a whole file counts as 0). */
export async function restoreSqliteBackup(
  ctx: CommandContext,
  project: ProjectSnapshot,
  backups: readonly ListedFileBackup[],
  database: { label: string },
  dbOpt: { databaseUrl?: string },
): Promise<number> {
  const picked = await vscode.window.showQuickPick(fileBackupChoices(backups), { title: `Migration Guard: ${TEXT.title}`, placeHolder: TEXT.pick });
  if (!picked) throw new Cancelled();
  const name = path.basename(picked.backup.path);
  const asked = picked.column
    ? await confirmDestructive(TEXT.confirmColumn(picked.column.table, picked.column.column, name), TEXT.confirmColumnDetail(database.label), TEXT.button)
    : await confirmDestructive(TEXT.confirmFile(name), TEXT.confirmFileDetail(database.label), TEXT.button);
  if (!asked) throw new Cancelled();
  const args = ['restore', projectDir(project), picked.backup.path, '--format', 'json'];
  if (picked.column) args.push('--column', `${picked.column.table}.${picked.column.column}`);
  const result = await runCliTask(ctx, project, args, { title: TEXT.title, cancellable: false, ...dbOpt });
  if (result.exitCode !== 0) throw cliFailure(TEXT.title, result);
  const out = (parseJsonOutput(result.stdout) ?? {}) as { rowsRestored?: number; aside?: string };
  const message = picked.column ? TEXT.doneColumn(out.rowsRestored ?? 0, picked.column.table, picked.column.column) : TEXT.doneFile(name, out.aside ?? '');
  ctx.output.info(message);
  ctx.databases.databaseChanged(project.info.root);
  await ctx.repository.refresh();
  notifyInfo(ctx.output, message);
  return out.rowsRestored ?? 0;
}
