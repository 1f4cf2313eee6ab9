// Runs a migration path on a SQLite file in ONE transaction (BEGIN IMMEDIATE: the write lock is
// taken first, waiting up to the busy timeout for the app's own writes), with alembic_version moved
// exactly as Alembic moves it. Any error rolls back: the file stays byte-identical. Before a step that
// destroys data, the whole file is copied with SQLite's backup API (backups.ts). PRAGMA foreign_keys
// is left as the connection has it (off by default, as under `flask db upgrade`; Alembic's batch
// mode does not change it either).
import {
  describeHeads,
  EXECUTION_TEXT,
  nothingToDo,
  refusedBeforeStart,
  type AtRiskTarget,
  type ExecutionResult,
  type PlannedStep,
  type Planner,
  type StepReport,
} from '../executor';
import {
  createVersionTableSql,
  DEFAULT_VERSION_TABLE,
  versionChange,
  versionStatementSql,
  VERSION_TEXT,
  type VersionGraph,
  type VersionTable,
} from '../alembicVersion';
import { versionTableSql } from '../../core/history/versionTable';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../../core/locale';
import { reasonText, type Reason } from '../../core/reasons';
import { redactSecrets } from '../../core/redact';
import { SqliteError, sqliteIdent, sqliteLiteral, type SqliteConnection } from './driver';
import type { BackupTarget } from '../backupTargets';
import { takeFileBackup, type FileBackup } from './backups';

export const EXECUTOR_MESSAGES = {
  locked: (file: string, seconds: number) => reasonText({ kind: 'sqlite-locked', file, seconds }),
  versionRows: VERSION_TEXT.rowsMatched,
  backup: (file: string, backup: string, what: string | null) =>
    what
      ? l10n.t('Backup: copied {0} to {1} before it changes {2} (restore: migration-guard restore DIR {1})', file, backup, what)
      : l10n.t('Backup: copied {0} to {1} before the migration (restore: migration-guard restore DIR {1})', file, backup),
  table: (table: string) => l10n.t('table {0}', table),
  applied: (count: number, file: string, from: string, to: string) =>
    count === 1
      ? l10n.t('Applied 1 revision to {0}: {1} → {2}.', file, from, to)
      : l10n.t('Applied {0} revisions to {1}: {2} → {3}.', formatNumber(count), file, from, to),
  backupAt: (backup: string) => l10n.t('Backup: {0}', backup),
  failed: (revision: string | null, file: string, heads: string) =>
    revision
      ? l10n.t('Failed in revision {0}; everything was rolled back, {1} is unchanged at {2}.', revision, file, heads)
      : l10n.t('Failed; everything was rolled back, {0} is unchanged at {1}.', file, heads),
};

export interface SqliteExecuteOptions {
  graph: VersionGraph;
  busyTimeoutMs: number;
  dryRun?: boolean;
  /** Copy the file before a destructive step (default true). */
  backup?: boolean;
  keepBackups?: number;
  log?: (line: string) => void;
  now?: () => Date;
  /** The project's version table (env.py's version_table); default alembic_version. SQLite has no schemas: its name only. */
  versionTable?: VersionTable;
}

/** SQLite has no schemas: a version_table_schema there is an attached database, which we do not open. */
const inSqlite = (table: VersionTable | undefined): VersionTable => ({ name: (table ?? DEFAULT_VERSION_TABLE).name, schema: null });

export async function hasSqliteVersionTable(conn: SqliteConnection, table?: VersionTable): Promise<boolean> {
  const result = await conn.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${sqliteLiteral(inSqlite(table).name)}`);
  return result.rows.length > 0;
}

/** The recorded heads, sorted; null when there is no version table. */
export async function readSqliteVersion(conn: SqliteConnection, table?: VersionTable): Promise<string[] | null> {
  if (!(await hasSqliteVersionTable(conn, table))) return null;
  const name = versionTableSql(inSqlite(table));
  const result = await conn.query(`SELECT ${name}.version_num FROM ${name}`);
  return result.rows.map((r) => String(r[0])).sort();
}

/** `stamp`: records exactly these heads in one transaction. */
export async function stampSqlite(conn: SqliteConnection, heads: readonly string[], table?: VersionTable): Promise<void> {
  const local = inSqlite(table);
  await conn.query('BEGIN IMMEDIATE');
  try {
    if (!(await hasSqliteVersionTable(conn, local))) await conn.query(createVersionTableSql(local));
    await conn.query(`DELETE FROM ${versionTableSql(local)}`);
    for (const head of heads) await conn.query(versionStatementSql({ kind: 'insert', revision: head }, local));
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Rows of the table and non-null values of each column at risk; nothing when the table is not there (the step will say why). */
async function countTarget(conn: SqliteConnection, target: BackupTarget): Promise<{ counted?: { rows: number; values: Record<string, number> } }> {
  const columns = target.columns ?? [];
  const select = ['count(*)', ...columns.map((c) => `count(${sqliteIdent(c)})`)].join(', ');
  try {
    const row = (await conn.query(`SELECT ${select} FROM ${sqliteIdent(target.table)}`)).rows[0] ?? [];
    return { counted: { rows: Number(row[0] ?? 0), values: Object.fromEntries(columns.map((c, i) => [c, Number(row[i + 1] ?? 0)])) } };
  } catch {
    return {};
  }
}

class StepFailure extends Error {
  constructor(
    readonly step: PlannedStep,
    readonly statement: { sql: string; location?: PlannedStep['statements'][number]['location'] },
    readonly original: unknown,
  ) {
    super((original as Error)?.message ?? String(original));
  }
}

async function runStep(
  conn: SqliteConnection,
  step: PlannedStep,
  heads: string[],
  opts: SqliteExecuteOptions,
): Promise<{ report: StepReport; heads: string[] }> {
  const log = opts.log ?? (() => undefined);
  // What the step destroys, counted in the transaction before it runs (the file copy holds it all).
  const atRisk: AtRiskTarget[] = [];
  for (const target of step.backups) atRisk.push({ ...target, ...(await countTarget(conn, target)) });
  const report: StepReport = { revision: step.revision, direction: step.direction, message: step.message ?? null, statements: [], backups: [], atRisk };
  log(EXECUTION_TEXT.starting(step.direction, step.revision, step.message));
  for (const statement of step.statements) {
    try {
      const result = await conn.query(statement.sql);
      report.statements.push({ sql: statement.sql, rowCount: result.changes >= 0 ? result.changes : null });
    } catch (error) {
      throw new StepFailure(step, statement, error);
    }
  }
  const change = versionChange(heads, step, opts.graph);
  for (const statement of change.statements) {
    const sql = versionStatementSql(statement, inSqlite(opts.versionTable));
    const result = await conn.query(sql).catch((error: unknown) => {
      throw new StepFailure(step, { sql }, error);
    });
    if (statement.kind !== 'insert' && result.changes !== 1) {
      throw new StepFailure(
        step,
        { sql },
        new Error(EXECUTOR_MESSAGES.versionRows(statement.kind === 'update' ? statement.from : statement.revision, result.changes)),
      );
    }
  }
  return { report, heads: change.heads };
}

function failed(headsBefore: string[], error: unknown, summary: (revision: string | null) => string): ExecutionResult {
  if (error instanceof StepFailure) {
    return {
      status: 'failed',
      headsBefore,
      headsAfter: headsBefore,
      steps: [],
      failure: {
        revision: error.step.revision,
        statement: error.statement.sql,
        message: redactSecrets(error.message),
        ...(error.statement.location ? { location: error.statement.location } : {}),
        reason: { kind: 'database-error', revision: error.step.revision },
      },
      summary: summary(error.step.revision),
    };
  }
  return {
    status: 'failed',
    headsBefore,
    headsAfter: headsBefore,
    steps: [],
    failure: {
      revision: null,
      statement: null,
      message: redactSecrets((error as Error)?.message ?? String(error)),
      reason: { kind: 'database-error', revision: null },
    },
    summary: summary(null),
  };
}

function lockBusy(headsBefore: string[], file: string, seconds: number): ExecutionResult {
  const reason: Reason = { kind: 'sqlite-locked', file, seconds };
  const message = reasonText(reason);
  return {
    status: 'lock-busy',
    headsBefore,
    headsAfter: headsBefore,
    steps: [],
    failure: { revision: null, statement: null, message, reason },
    summary: message,
  };
}

/** Plans (under the write lock) and runs the path in one transaction. */
export async function executeSqliteMigration(conn: SqliteConnection, planner: Planner, opts: SqliteExecuteOptions): Promise<ExecutionResult> {
  const log = opts.log ?? (() => undefined);
  const seconds = Math.round(opts.busyTimeoutMs / 100) / 10;
  try {
    await conn.query('BEGIN IMMEDIATE');
  } catch (error) {
    if (error instanceof SqliteError && error.kind === 'locked') {
      return lockBusy([], conn.file, seconds);
    }
    throw error;
  }
  let headsBefore: string[] = [];
  const steps: StepReport[] = [];
  const unchanged = (revision: string | null) => EXECUTOR_MESSAGES.failed(revision, conn.file, describeHeads(headsBefore));
  try {
    headsBefore = (await readSqliteVersion(conn, opts.versionTable)) ?? [];
    let heads = [...headsBefore];
    const plan = planner(headsBefore);
    if (!plan.ok) {
      await conn.query('ROLLBACK');
      return refusedBeforeStart(headsBefore, plan.message, plan.reason);
    }
    if (plan.steps.length === 0) {
      await conn.query('ROLLBACK');
      return nothingToDo(headsBefore);
    }
    let backup: FileBackup | null = null;
    const destructive = plan.steps.find((s) => s.backups.length > 0);
    if (opts.backup !== false && destructive && !opts.dryRun) {
      const target = plan.steps[plan.steps.length - 1]?.revision ?? destructive.revision;
      backup = await takeFileBackup(conn, target, (opts.now ?? (() => new Date()))(), opts.keepBackups ?? 5, {
        direction: destructive.direction,
        targets: plan.steps.flatMap((s) => s.backups.map((b) => ({ table: b.table, columns: b.columns ?? null, reason: b.reason, revision: s.revision }))),
      });
      log(EXECUTOR_MESSAGES.backup(conn.file, backup.path, describeTargets(plan.steps)));
    }
    if (!(await hasSqliteVersionTable(conn, opts.versionTable))) await conn.query(createVersionTableSql(inSqlite(opts.versionTable)));
    for (const step of plan.steps) {
      const done = await runStep(conn, step, heads, opts);
      steps.push(done.report);
      heads = done.heads;
    }
    if (opts.dryRun) {
      await conn.query('ROLLBACK');
      return {
        status: 'dry-run',
        headsBefore,
        headsAfter: heads,
        steps,
        summary: EXECUTION_TEXT.dryRun(steps.length, describeHeads(headsBefore), describeHeads(heads)),
      };
    }
    await conn.query('COMMIT');
    return {
      status: 'applied',
      headsBefore,
      headsAfter: heads,
      steps,
      summary: `${EXECUTOR_MESSAGES.applied(steps.length, conn.file, describeHeads(headsBefore), describeHeads(heads))}${backup ? ` ${EXECUTOR_MESSAGES.backupAt(backup.path)}` : ''}`,
    };
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    if (error instanceof SqliteError && error.kind === 'locked') {
      return lockBusy(headsBefore, conn.file, seconds);
    }
    return failed(headsBefore, error, unchanged);
  }
}

/** What the destructive steps change ("user.about_me; table post"), or null. */
function describeTargets(steps: readonly PlannedStep[]): string | null {
  const what = steps.flatMap((s) => s.backups.map((b) => (b.columns ? `${b.table}.${b.columns.join(', ')}` : EXECUTOR_MESSAGES.table(b.table))));
  return what.length > 0 ? what.join('; ') : null;
}
