// Runs a migration path on a SQLite file in ONE transaction (BEGIN IMMEDIATE: the write lock is
// taken first, waiting up to the busy timeout for the app's own writes), with alembic_version moved
// exactly as Alembic moves it. Any error rolls back: the file stays byte-identical. Before a step that
// destroys data, the whole file is copied with SQLite's backup API (backups.ts). PRAGMA foreign_keys
// is left as the connection has it (off by default, as under `flask db upgrade`; Alembic's batch
// mode does not change it either).
import { describeHeads, nothingToDo, refusedBeforeStart, type ExecutionResult, type PlannedStep, type Planner, type StepReport } from '../executor';
import { versionChange, versionStatementSql, CREATE_VERSION_TABLE_SQL, type VersionGraph } from '../alembicVersion';
import { redactSecrets } from '../../core/redact';
import { SqliteError, type SqliteConnection } from './driver';
import { takeFileBackup, type FileBackup } from './backups';

export const EXECUTOR_MESSAGES = {
  locked: (file: string, seconds: number) =>
    `database is locked: another process (your running app, or a database browser) holds a write transaction on ${file}; gave up after waiting ${seconds} s. Nothing was changed. Stop it or finish its transaction, then try again.`,
  versionRows: (which: string, n: number) => `alembic_version was expected to hold one row "${which}" but ${n} matched: another process changed it`,
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
}

export async function hasSqliteVersionTable(conn: SqliteConnection): Promise<boolean> {
  const result = await conn.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'");
  return result.rows.length > 0;
}

/** The recorded heads, sorted; null when there is no alembic_version table. */
export async function readSqliteVersion(conn: SqliteConnection): Promise<string[] | null> {
  if (!(await hasSqliteVersionTable(conn))) return null;
  const result = await conn.query('SELECT alembic_version.version_num FROM alembic_version');
  return result.rows.map((r) => String(r[0])).sort();
}

/** `stamp`: records exactly these heads in one transaction. */
export async function stampSqlite(conn: SqliteConnection, heads: readonly string[]): Promise<void> {
  await conn.query('BEGIN IMMEDIATE');
  try {
    if (!(await hasSqliteVersionTable(conn))) await conn.query(CREATE_VERSION_TABLE_SQL);
    await conn.query('DELETE FROM alembic_version');
    for (const head of heads) await conn.query(versionStatementSql({ kind: 'insert', revision: head }));
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw error;
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
  const report: StepReport = { revision: step.revision, direction: step.direction, message: step.message ?? null, statements: [], backups: [] };
  log(`${step.direction === 'up' ? 'Upgrading to' : 'Downgrading'} ${step.revision}${step.message ? ` (${step.message})` : ''}`);
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
    const sql = versionStatementSql(statement);
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

function failed(headsBefore: string[], error: unknown, summary: (where: string) => string): ExecutionResult {
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
      },
      summary: summary(` in revision ${error.step.revision}`),
    };
  }
  return {
    status: 'failed',
    headsBefore,
    headsAfter: headsBefore,
    steps: [],
    failure: { revision: null, statement: null, message: redactSecrets((error as Error)?.message ?? String(error)) },
    summary: summary(''),
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
      const message = EXECUTOR_MESSAGES.locked(conn.file, seconds);
      return { status: 'lock-busy', headsBefore: [], headsAfter: [], steps: [], failure: { revision: null, statement: null, message }, summary: message };
    }
    throw error;
  }
  let headsBefore: string[] = [];
  const steps: StepReport[] = [];
  const unchanged = (where: string) => `Failed${where}; everything was rolled back, ${conn.file} is unchanged at ${describeHeads(headsBefore)}.`;
  try {
    headsBefore = (await readSqliteVersion(conn)) ?? [];
    let heads = [...headsBefore];
    const plan = planner(headsBefore);
    if (!plan.ok) {
      await conn.query('ROLLBACK');
      return refusedBeforeStart(headsBefore, plan.message);
    }
    if (plan.steps.length === 0) {
      await conn.query('ROLLBACK');
      return nothingToDo(headsBefore);
    }
    let backup: FileBackup | null = null;
    const destructive = plan.steps.find((s) => s.backups.length > 0);
    if (opts.backup !== false && destructive && !opts.dryRun) {
      const target = plan.steps[plan.steps.length - 1]?.revision ?? destructive.revision;
      backup = await takeFileBackup(conn, target, (opts.now ?? (() => new Date()))(), opts.keepBackups ?? 5);
      log(`Backup: copied ${conn.file} to ${backup.path} before ${describeTargets(plan.steps)} (restore: migration-guard restore DIR ${backup.path})`);
    }
    if (!(await hasSqliteVersionTable(conn))) await conn.query(CREATE_VERSION_TABLE_SQL);
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
        summary: `Dry run: ${steps.length} revision(s) ran from ${describeHeads(headsBefore)} to ${describeHeads(heads)}, then were rolled back. Nothing changed.`,
      };
    }
    await conn.query('COMMIT');
    return {
      status: 'applied',
      headsBefore,
      headsAfter: heads,
      steps,
      summary: `Applied ${steps.length} revision(s) to ${conn.file}: ${describeHeads(headsBefore)} → ${describeHeads(heads)}.${backup ? ` Backup: ${backup.path}` : ''}`,
    };
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    if (error instanceof SqliteError && error.kind === 'locked') {
      const message = EXECUTOR_MESSAGES.locked(conn.file, seconds);
      return { status: 'lock-busy', headsBefore, headsAfter: headsBefore, steps: [], failure: { revision: null, statement: null, message }, summary: message };
    }
    return failed(headsBefore, error, unchanged);
  }
}

function describeTargets(steps: readonly PlannedStep[]): string {
  const what = steps.flatMap((s) => s.backups.map((b) => (b.columns ? `${b.table}.${b.columns.join(', ')}` : `table ${b.table}`)));
  return what.length > 0 ? `it changes ${what.join('; ')}` : 'the migration';
}
