// The database verbs on a SQLite file (upgrade, downgrade, --dry-run, --sql, current, stamp): the
// same output and exit codes as on PostgreSQL, through the SQLite executor (db/sqlite/).
import type { CurrentJson } from '../../cliJson';
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { flag, type ParsedArgs } from '../args';
import { EXIT, type CliIO } from '../command';
import { describeHeads } from '../../db/executor';
import { offlineScript } from '../../db/offlineSql';
import { describeUntranslatable, stepsFor, versionGraphOf } from '../../db/plan';
import type { ProjectHistory } from '../../db/projectHistory';
import { exitCodeOf, formatExecution } from '../../db/report';
import { DRIVER_MESSAGES, SqliteError, type SqliteConnection } from '../../db/sqlite/driver';
import { executeSqliteMigration, hasSqliteVersionTable, readSqliteVersion, stampSqlite } from '../../db/sqlite/executor';
import {
  BACKUP_MESSAGES,
  describeFileBackups,
  listFileBackups,
  restoreFileBackup,
  type FileBackupTarget,
  type ListedFileBackup,
} from '../../db/sqlite/backups';
import { restoreColumnFromFile } from '../../db/sqlite/columnRestore';
import { describeSqlite, openSqliteTarget, type SqliteTarget } from '../../db/sqlite/open';
import { buildSqliteSteps, PLAN_MESSAGES, sqlitePlanner } from '../../db/sqlite/plan';
import { projectVersionTable } from '../project';
import { CLI_TEXT } from '../text';

const TEXT = {
  noAlembicExecutor: (verb: string, spec: string) =>
    l10n.t('migration-guard {0}: --executor alembic on SQLite: run `flask db {0} {1}` yourself; it works on the same file', verb, spec),
  incomplete: (lines: string) => l10n.t("-- Warning: these revisions hold Python the engine can't translate; their SQL below is incomplete:\n{0}", lines),
  warning: (text: string) => l10n.t('-- Warning: {0}', text),
};

async function withSqlite<T>(
  dir: string,
  target: SqliteTarget,
  args: ParsedArgs,
  io: CliIO,
  verb: string,
  create: boolean,
  busyTimeoutMs: number,
  fn: (conn: SqliteConnection) => Promise<T>,
): Promise<T | number> {
  let conn: SqliteConnection;
  try {
    conn = await openSqliteTarget(dir, target, { python: flag(args, 'python') ?? null, busyTimeoutMs, create });
  } catch (error) {
    io.err(`migration-guard ${verb}: ${(error as Error).message}`);
    return EXIT.error;
  }
  try {
    return await fn(conn);
  } catch (error) {
    io.err(`migration-guard ${verb}: ${error instanceof SqliteError ? error.message : (error as Error).message}`);
    return EXIT.error;
  } finally {
    await conn.close();
  }
}

export async function sqliteMigrate(
  verb: 'upgrade' | 'downgrade',
  dir: string,
  spec: string,
  target: SqliteTarget,
  history: ProjectHistory,
  args: ParsedArgs,
  io: CliIO,
  busyTimeoutMs: number,
): Promise<number> {
  const json = flag(args, 'format') === 'json';
  if (flag(args, 'executor') === 'alembic') {
    io.err(TEXT.noAlembicExecutor(verb, spec));
    return EXIT.error;
  }
  if (flag(args, 'sql') === 'true') return sqliteSql(verb, dir, spec, target, history, args, io, busyTimeoutMs);
  const dryRun = flag(args, 'dry-run') === 'true';
  const result = await withSqlite(dir, target, args, io, verb, verb === 'upgrade' && !dryRun, busyTimeoutMs, (conn) =>
    executeSqliteMigration(conn, sqlitePlanner(history, verb, spec), {
      graph: versionGraphOf(history.graph),
      ...(history.versionTable ? { versionTable: history.versionTable } : {}),
      busyTimeoutMs,
      dryRun,
      backup: flag(args, 'no-backup') !== 'true',
      keepBackups: Number(flag(args, 'keep-backups') ?? 5) || 5,
      log: (line) => (json ? undefined : io.err(line)),
    }),
  );
  if (typeof result === 'number') return result;
  if (json) io.out(JSON.stringify({ ...result, database: describeSqlite(target) }, null, 2));
  else {
    io.err(CLI_TEXT.database(describeSqlite(target)));
    io.out(formatExecution(result, { showStatements: dryRun || result.status === 'failed', engine: 'SQLite' }));
  }
  return exitCodeOf(result);
}

async function sqliteSql(
  verb: 'upgrade' | 'downgrade',
  dir: string,
  spec: string,
  target: SqliteTarget,
  history: ProjectHistory,
  args: ParsedArgs,
  io: CliIO,
  busyTimeoutMs: number,
): Promise<number> {
  const colon = spec.indexOf(':');
  let from: string[];
  let tableExists: boolean;
  let to = spec;
  if (colon >= 0) {
    const fromSpec = spec.slice(0, colon);
    to = spec.slice(colon + 1);
    from = fromSpec === 'base' || fromSpec === '' ? [] : fromSpec.split(',');
    tableExists = from.length > 0;
  } else {
    const read = await withSqlite(dir, target, args, io, verb, false, busyTimeoutMs, async (conn) => ({
      heads: (await readSqliteVersion(conn, history.versionTable)) ?? [],
      exists: await hasSqliteVersionTable(conn, history.versionTable),
    }));
    if (typeof read === 'number') return read;
    from = read.heads;
    tableExists = read.exists;
  }
  const steps = stepsFor(history.graph, verb, from, to);
  if (!steps.ok) {
    io.err(`migration-guard ${verb}: ${steps.message}`);
    return EXIT.error;
  }
  const built = buildSqliteSteps(history, from, steps.steps);
  if (built.untranslatable.length > 0) io.err(TEXT.incomplete(describeUntranslatable(built.untranslatable)));
  if (built.unsupported.length > 0) io.err(TEXT.warning(PLAN_MESSAGES.unsupported(built.unsupported)));
  io.out(
    offlineScript(
      built.steps,
      from,
      versionGraphOf(history.graph),
      tableExists,
      history.offlineVersionTable && { name: history.offlineVersionTable.name, schema: null },
    ),
  );
  return EXIT.ok;
}

export async function sqliteCurrent(dir: string, target: SqliteTarget, headSet: ReadonlySet<string>, args: ParsedArgs, io: CliIO): Promise<number> {
  const json = flag(args, 'format') === 'json';
  if (!existsSync(target.file)) {
    // As `flask db current` on a new project, minus creating the file.
    if (json) io.out(JSON.stringify({ database: describeSqlite(target), versionTable: false, exists: false, heads: [] } satisfies CurrentJson, null, 2));
    else io.err(`${CLI_TEXT.database(describeSqlite(target))}\n${DRIVER_MESSAGES.missing(target.file)}`);
    return EXIT.ok;
  }
  const heads = await withSqlite(dir, target, args, io, 'current', false, 10_000, (conn) => readSqliteVersion(conn, projectVersionTable(dir)));
  if (typeof heads === 'number') return heads;
  if (json) {
    io.out(
      JSON.stringify(
        {
          database: describeSqlite(target),
          versionTable: heads !== null,
          heads: (heads ?? []).map((revision) => ({ revision, head: headSet.has(revision) })),
        } satisfies CurrentJson,
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  io.err(CLI_TEXT.database(describeSqlite(target)));
  if (heads === null) io.err(CLI_TEXT.noVersionTable);
  else if (heads.length === 0) io.err(CLI_TEXT.atBase);
  for (const revision of heads ?? []) io.out(`${revision}${headSet.has(revision) ? ' (head)' : ''}`);
  return EXIT.ok;
}

export async function sqliteStamp(dir: string, target: SqliteTarget, heads: string[], args: ParsedArgs, io: CliIO): Promise<number> {
  const json = flag(args, 'format') === 'json';
  const done = await withSqlite(dir, target, args, io, 'stamp', true, 10_000, async (conn) => {
    const versionTable = projectVersionTable(dir);
    const before = (await readSqliteVersion(conn, versionTable)) ?? [];
    await stampSqlite(conn, heads, versionTable);
    return before;
  });
  if (typeof done === 'number') return done;
  const summary = CLI_TEXT.stamped(describeHeads(heads), describeHeads(done));
  if (json) io.out(JSON.stringify({ database: describeSqlite(target), headsBefore: done, headsAfter: heads, summary }, null, 2));
  else {
    io.err(CLI_TEXT.database(describeSqlite(target)));
    io.out(summary);
  }
  return EXIT.ok;
}

const RESTORE_TEXT = {
  line: (b: ListedFileBackup) =>
    b.targets.length === 0
      ? l10n.t('{0}  ({1}, {2})', b.path, b.revision, b.createdAt)
      : l10n.t('{0}  ({1}, {2}; taken before it changed {3})', b.path, b.revision, b.createdAt, b.targets.map(describeTarget).join(', ')),
  nothing: (why: string) => l10n.t('nothing was restored: {0}', why),
};

const describeTarget = (t: FileBackupTarget) => (t.columns ? t.columns.map((c) => `${t.table}.${c}`).join(', ') : t.table);

/**
 * `restore DIR [BACKUP [--column TABLE.COLUMN]]` on a SQLite file: lists its .bak copies (with what each
 * was taken for), puts one back whole (newest with `latest`), or puts back one column's values from it.
 */
export async function sqliteRestore(dir: string, target: SqliteTarget, spec: string | undefined, args: ParsedArgs, io: CliIO): Promise<number> {
  const json = flag(args, 'format') === 'json';
  if (spec === undefined) {
    const backups = describeFileBackups(target.file);
    if (json) io.out(JSON.stringify({ database: describeSqlite(target), kind: 'sqlite-file', backups }, null, 2));
    else {
      io.err(CLI_TEXT.database(describeSqlite(target)));
      io.out(backups.length === 0 ? BACKUP_MESSAGES.none(target.file) : backups.map(RESTORE_TEXT.line).join('\n'));
    }
    return EXIT.ok;
  }
  const chosen = spec === 'latest' ? (listFileBackups(target.file)[0] ?? null) : spec;
  const column = flag(args, 'column');
  if (column !== undefined) {
    if (chosen === null) {
      io.err(`migration-guard restore: ${RESTORE_TEXT.nothing(BACKUP_MESSAGES.none(target.file))}`);
      return EXIT.error;
    }
    const restored = await withSqlite(dir, target, args, io, 'restore', false, 10_000, (conn) => restoreColumnFromFile(conn, chosen, column));
    if (typeof restored === 'number') return restored;
    if (!restored.ok) {
      io.err(`migration-guard restore: ${RESTORE_TEXT.nothing(restored.message)}`);
      return EXIT.error;
    }
    if (json)
      io.out(
        JSON.stringify(
          { database: describeSqlite(target), kind: 'sqlite-column', backup: chosen, column, rowsRestored: restored.rowsRestored, aside: restored.aside },
          null,
          2,
        ),
      );
    else io.out(restored.message);
    return EXIT.ok;
  }
  const result = await withSqlite(dir, target, args, io, 'restore', false, 10_000, (conn) => restoreFileBackup(conn, chosen));
  if (typeof result === 'number') return result;
  if (!result.ok) {
    io.err(`migration-guard restore: ${RESTORE_TEXT.nothing(result.message)}`);
    return EXIT.error;
  }
  if (json) io.out(JSON.stringify({ database: describeSqlite(target), kind: 'sqlite-file', restored: result.restored, aside: result.aside }, null, 2));
  else io.out(result.message);
  return EXIT.ok;
}
