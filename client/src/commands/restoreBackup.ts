// Migration Guard: Restore from Backup — lists migration_guard_backup's backups (the CLI's `restore`),
// lets the user pick one, says what it writes, and restores it in one transaction; reports the rows.
import * as vscode from 'vscode';
import { parseJsonOutput } from '../db/cliRunner';
import { Cancelled } from '../errors';
import { notifyInfo } from '../notify';
import { requireTrust } from '../trust';
import { cliFailure, runCliTask } from './cliTask';
import { confirmDestructive } from './confirmDestructive';
import type { CatalogEntry } from '../../../server/src/db/restore';
import type { CommandContext } from './context';
import { databaseFor } from './movement';
import { pickProject, projectDir } from './pick';
import { restoreSqliteBackup } from './restoreFileBackup';
import type { ListedFileBackup } from '../../../server/src/db/sqlite/backups';

/** A backup as `restore --format json` lists it (the catalog entry, without its SQL). */
type ListedBackup = Omit<CatalogEntry, 'restoreSql'>;

const rowsOf = (n: number): string => (n === 1 ? vscode.l10n.t('1 row') : vscode.l10n.t('{0} rows', n));

const TEXT = {
  get title() {
    return vscode.l10n.t('Restore from Backup');
  },
  none: (name: string) => vscode.l10n.t('{0}: the database has no backups (they are taken before a migration step destroys data).', name),
  get pick() {
    return vscode.l10n.t('Which backup to put back?');
  },
  what: (b: ListedBackup) => (b.columns ? `${b.table}(${b.columns.join(', ')})` : b.table),
  detail: (b: ListedBackup) =>
    b.direction === 'up'
      ? vscode.l10n.t('{0}, before upgrading to {1}, {2}', rowsOf(b.rows), b.revision, b.createdAt)
      : vscode.l10n.t('{0}, before downgrading {1}, {2}', rowsOf(b.rows), b.revision, b.createdAt),
  confirm: (b: ListedBackup) => vscode.l10n.t('Restore {0} from {1}?', TEXT.what(b), b.backupTable),
  confirmDetail: (b: ListedBackup, database: string) => {
    const what = b.columns
      ? vscode.l10n.t(
          'The backed-up values of {0} are written back into "{1}", row by row. It runs in one transaction, after checking that the table and columns exist.',
          b.columns.join(', '),
          b.table,
        )
      : vscode.l10n.t(
          'The backed-up rows of "{0}" are put back (a table without a primary key gets exactly the backed-up rows). It runs in one transaction, after checking that the table exists.',
          b.table,
        );
    return `${vscode.l10n.t('Database: {0}', database)}\n\n${what}`;
  },
  get button() {
    return vscode.l10n.t('Restore');
  },
  done: (rows: number, b: ListedBackup) => vscode.l10n.t('Restored {0} of {1} from {2}.', rowsOf(rows), TEXT.what(b), b.backupTable),
  listing: () => vscode.l10n.t('{0}: listing backups…', TEXT.title),
};

export async function restoreBackup(ctx: CommandContext, arg?: unknown): Promise<number | undefined> {
  requireTrust(TEXT.title);
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const database = await databaseFor(ctx, project);
  const dbOpt = database.url !== undefined ? { databaseUrl: database.url } : {};
  const listed = await runCliTask(ctx, project, ['restore', projectDir(project), '--format', 'json'], { title: TEXT.listing(), ...dbOpt });
  if (listed.exitCode !== 0) throw cliFailure(TEXT.title, listed);
  const parsed = parseJsonOutput(listed.stdout) as { kind?: string; backups?: unknown[] } | undefined;
  const backups = (parsed?.backups ?? []) as ListedBackup[];
  if (backups.length === 0) {
    notifyInfo(ctx.output, TEXT.none(project.info.name));
    return undefined;
  }
  // A SQLite project's backups are copies of the file, not catalog entries.
  if (parsed?.kind === 'sqlite-file') return restoreSqliteBackup(ctx, project, parsed.backups as ListedFileBackup[], database, dbOpt);
  const picked = await vscode.window.showQuickPick(
    backups.map((b) => ({ label: TEXT.what(b), description: b.backupTable, detail: TEXT.detail(b), backup: b })),
    { title: `Migration Guard: ${TEXT.title}`, placeHolder: TEXT.pick },
  );
  if (!picked) throw new Cancelled();
  const backup = picked.backup;
  if (!(await confirmDestructive(TEXT.confirm(backup), TEXT.confirmDetail(backup, database.label), TEXT.button))) throw new Cancelled();
  const result = await runCliTask(ctx, project, ['restore', projectDir(project), backup.backupTable, '--format', 'json'], {
    title: TEXT.title,
    cancellable: false,
    ...dbOpt,
  });
  if (result.exitCode !== 0) throw cliFailure(TEXT.title, result);
  const rows = (parseJsonOutput(result.stdout) as { rowsRestored?: number } | undefined)?.rowsRestored ?? 0;
  ctx.output.info(TEXT.done(rows, backup));
  ctx.databases.databaseChanged(project.info.root);
  await ctx.repository.refresh();
  notifyInfo(ctx.output, TEXT.done(rows, backup));
  return rows;
}
