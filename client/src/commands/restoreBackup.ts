// Migration Guard: Restore from Backup — lists migration_guard_backup's backups (the CLI's `restore`),
// lets the user pick one, says what it writes, and restores it in one transaction; reports the rows.
import * as vscode from 'vscode';
import { parseJsonOutput } from '../db/cliRunner';
import { Cancelled } from '../errors';
import { notifyInfo } from '../notify';
import { requireTrust } from '../trust';
import { cliFailure, runCliTask } from './cliTask';
import { confirmDestructive } from './confirmDestructive';
import type { CommandContext } from './context';
import { databaseFor } from './movement';
import { pickProject, projectDir } from './pick';

interface ListedBackup {
  id: number;
  createdAt: string;
  revision: string;
  direction: string;
  schema: string | null;
  table: string;
  columns: string[] | null;
  backupTable: string;
  rows: number;
}

const TEXT = {
  title: 'Restore from Backup',
  none: (name: string) => `${name}: the database has no backups (they are taken before a migration step destroys data).`,
  pick: 'Which backup to put back?',
  what: (b: ListedBackup) => (b.columns ? `${b.table}(${b.columns.join(', ')})` : b.table),
  detail: (b: ListedBackup) => `${b.rows} row(s), ${b.direction === 'up' ? 'before upgrading to' : 'before downgrading'} ${b.revision}, ${b.createdAt}`,
  confirm: (b: ListedBackup) => `Restore ${TEXT.what(b)} from ${b.backupTable}?`,
  confirmDetail: (b: ListedBackup, database: string) => `Database: ${database}\n\n${b.columns
    ? `The backed-up values of ${b.columns.join(', ')} are written back into "${b.table}", row by row.`
    : `The backed-up rows of "${b.table}" are put back (a table without a primary key gets exactly the backed-up rows).`} It runs in one transaction, after checking that the table${b.columns ? ' and columns exist' : ' exists'}.`,
  button: 'Restore',
  done: (rows: number, b: ListedBackup) => `Restored ${rows} row(s) of ${TEXT.what(b)} from ${b.backupTable}.`,
};

export async function restoreBackup(ctx: CommandContext, arg?: unknown): Promise<number | undefined> {
  requireTrust(TEXT.title);
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const database = await databaseFor(ctx, project);
  const dbOpt = database.url !== undefined ? { databaseUrl: database.url } : {};
  const listed = await runCliTask(ctx, project, ['restore', projectDir(project), '--format', 'json'], { title: `${TEXT.title}: listing backups…`, ...dbOpt });
  if (listed.exitCode !== 0) throw cliFailure(TEXT.title, listed);
  const backups = ((parseJsonOutput(listed.stdout) as { backups?: ListedBackup[] } | undefined)?.backups ?? []);
  if (backups.length === 0) {
    notifyInfo(ctx.output, TEXT.none(project.info.name));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(backups.map((b) => ({ label: TEXT.what(b), description: b.backupTable, detail: TEXT.detail(b), backup: b })), { title: `Migration Guard: ${TEXT.title}`, placeHolder: TEXT.pick });
  if (!picked) throw new Cancelled();
  const backup = picked.backup;
  if (!(await confirmDestructive(TEXT.confirm(backup), TEXT.confirmDetail(backup, database.label), TEXT.button))) throw new Cancelled();
  const result = await runCliTask(ctx, project, ['restore', projectDir(project), backup.backupTable, '--format', 'json'], { title: TEXT.title, cancellable: false, ...dbOpt });
  if (result.exitCode !== 0) throw cliFailure(TEXT.title, result);
  const rows = (parseJsonOutput(result.stdout) as { rowsRestored?: number } | undefined)?.rowsRestored ?? 0;
  ctx.output.info(TEXT.done(rows, backup));
  ctx.databases.databaseChanged(project.info.root);
  await ctx.repository.refresh();
  notifyInfo(ctx.output, TEXT.done(rows, backup));
  return rows;
}
