// `migration-guard restore DIR [BACKUP]`: without BACKUP, lists the backups in migration_guard_backup;
// with one (its table name or catalog id), puts it back in one transaction after checking that the
// table and columns it writes into exist, and reports the rows restored.
import * as l10n from '@vscode/l10n';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { describeBackup } from '../../db/backup';
import { MigrationLockBusyError } from '../../db/lock';
import { listBackups, restoreBackup, RestoreRefusedError, type CatalogEntry } from '../../db/restore';
import { openProjectDatabase } from '../../db/session';
import { sqliteTargetOf } from '../../db/sqlite/open';
import { sessionOptions } from './current';
import { sqliteRestore } from './sqliteVerbs';
import { CLI_TEXT } from '../text';
import { rowsText } from '../../db/counts';
import { formatDateTime } from '../../core/locale';

const what = (b: CatalogEntry) => describeBackup({ ...b, schema: b.schema ?? undefined, reason: 'dropTable' });

const TEXT = {
  get none() {
    return l10n.t('No backups: migration_guard_backup.backups is empty (backups are taken before a step destroys data).');
  },
  line: (b: CatalogEntry) =>
    b.direction === 'up'
      ? l10n.t('{0}  {1} of {2}, before upgrading to {3}, {4}', b.backupTable, rowsText(b.rows), what(b), b.revision, formatDateTime(new Date(b.createdAt)))
      : l10n.t('{0}  {1} of {2}, before downgrading {3}, {4}', b.backupTable, rowsText(b.rows), what(b), b.revision, formatDateTime(new Date(b.createdAt))),
  restored: (rows: number, b: CatalogEntry) => l10n.t('Restored {0} of {1} from {2}.', rowsText(rows), what(b), b.backupTable),
  rolledBack: (why: string) => l10n.t('{0} (everything was rolled back)', why),
};

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const dir = args.positionals[0] ?? '.';
  const spec = args.positionals[1];
  const json = flag(args, 'format') === 'json';
  // A SQLite file is backed up whole (app.db.migration-guard-<revision>-<time>.bak): BACKUP is that file, or `latest`.
  const sqlite = sqliteTargetOf(dir, sessionOptions(args));
  if (sqlite) return sqliteRestore(dir, sqlite, spec, args, io);
  const opened = await openProjectDatabase(dir, sessionOptions(args));
  if (!opened.ok) {
    if (opened.reason) io.reason?.(opened.reason);
    io.err(`migration-guard restore: ${opened.message}`);
    return EXIT.error;
  }
  const { session } = opened;
  try {
    if (!json) io.err(CLI_TEXT.database(session.description));
    if (spec === undefined) {
      const backups = await listBackups(session.client);
      if (json) io.out(JSON.stringify({ database: session.description, backups: backups.map(({ restoreSql: _sql, ...b }) => b) }, null, 2));
      else io.out(backups.length === 0 ? TEXT.none : backups.map(TEXT.line).join('\n'));
      return EXIT.ok;
    }
    try {
      const result = await restoreBackup(session.client, spec, { log: (line) => io.err(line) });
      if (json)
        io.out(
          JSON.stringify(
            {
              database: session.description,
              backup: result.backup.backupTable,
              table: result.backup.table,
              columns: result.backup.columns,
              rowsRestored: result.rowsRestored,
            },
            null,
            2,
          ),
        );
      else io.out(TEXT.restored(result.rowsRestored, result.backup));
      return EXIT.ok;
    } catch (error) {
      const known = error instanceof RestoreRefusedError || error instanceof MigrationLockBusyError;
      io.err(`migration-guard restore: ${CLI_TEXT.nothingRestored(known ? (error as Error).message : TEXT.rolledBack((error as Error).message))}`);
      return EXIT.error;
    }
  } finally {
    await session.close();
  }
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore DIR [BACKUP] [--column TABLE.COLUMN] [--database-url URL] [--format json]',
  get summary() {
    return l10n.t(
      "list the backups, or put one back in one transaction (BACKUP: its table name or id; on SQLite, a .bak file or latest, and --column TABLE.COLUMN puts back only that column's values)",
    );
  },
  run,
};
