// Runs a migration path in ONE transaction: lock_timeout, the migration advisory lock, backups before
// destructive steps, each revision's statements, then alembic_version moved exactly as Alembic moves
// it. Any error rolls everything back and names the revision, the statement and PostgreSQL's message.
// The plan is made after the lock is held, from the heads the database records at that moment, so a
// run that waited for another one never re-applies what that one did.
import type { ClientBase } from 'pg';
import type { SourceLocation } from '../core/source';
import { redactSecrets } from '../core/redact';
import { applyVersionStatement, ensureVersionTable, readAlembicVersion, versionChange, type VersionGraph, type VersionTable } from './alembicVersion';
import { backupLine, takeBackups, type BackupRecord, type BackupTarget } from './backup';
import type { UncheckedSql } from './backupTargets';
import { acquireMigrationLock, MigrationLockBusyError } from './lock';
import type { RowCountRequest } from '../core/rules/record';
import { countRowsInTransaction, type RowsAtRisk } from './rowsAtRisk';
import { runWithRestores, type PlannedRestore, type RestoredData } from './downgradeRestore';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../core/locale';
import { headsText, OUTCOME_TEXT, type Reason } from '../core/reasons';

/** The executor's words (shared with the SQLite executor: the same run reads the same on both). */
export const EXECUTION_TEXT = {
  starting: (direction: 'up' | 'down', revision: string, message: string | null | undefined) =>
    direction === 'up'
      ? message
        ? l10n.t('Upgrading to {0} ({1})', revision, message)
        : l10n.t('Upgrading to {0}', revision)
      : message
        ? l10n.t('Downgrading {0} ({1})', revision, message)
        : l10n.t('Downgrading {0}', revision),
  note: (note: string) => l10n.t('note: {0}', note),
  dryRunBackup: (line: string) => l10n.t('{0} (dry run: rolled back with everything else)', line),
  unchecked: (sql: string) => l10n.t('not checked for data loss (raw SQL the engine cannot read): {0}', sql),
  get backupStatement() {
    return l10n.t('-- backup into migration_guard_backup');
  },
  get revisionStatements() {
    return l10n.t('-- the statements of this revision');
  },
  dryRun: (count: number, from: string, to: string) =>
    count === 1
      ? l10n.t('Dry run: 1 revision ran from {0} to {1}, then was rolled back. Nothing changed.', from, to)
      : l10n.t('Dry run: {0} revisions ran from {1} to {2}, then were rolled back. Nothing changed.', formatNumber(count), from, to),
  applied: (count: number, from: string, to: string) =>
    count === 1 ? l10n.t('Applied 1 revision: {0} → {1}.', from, to) : l10n.t('Applied {0} revisions: {1} → {2}.', formatNumber(count), from, to),
  failed: OUTCOME_TEXT.failed,
  refused: OUTCOME_TEXT.refused,
  nothingToDo: OUTCOME_TEXT.nothingToDo,
};

export interface PlannedStatement {
  sql: string;
  /** The op in the revision file that produced it, when known. */
  location?: SourceLocation;
}

export interface PlannedStep {
  revision: string;
  direction: 'up' | 'down';
  message?: string | null;
  statements: PlannedStatement[];
  /** Tables and columns to copy into migration_guard_backup before the statements run. */
  backups: BackupTarget[];
  /** Raw SQL of the step the engine could not check for data loss (the confirmation names it). */
  unchecked?: UncheckedSql[];
  /** What the plan changed about how this step runs, said when it starts. */
  notes?: string[];
  /** Downgrades: columns and tables to fill back from the upgrade's backups once re-created (./downgradeRestore). */
  restores?: PlannedRestore[];
  /** What to count for the data at risk, as `check` counts its findings (./riskCounts). */
  counts?: RowCountRequest[];
}

export type PlanResult = { ok: true; steps: PlannedStep[] } | { ok: false; message: string; reason?: Reason };

/** Makes the plan from the heads recorded in the database (called once the lock is held). */
export type Planner = (heads: string[]) => PlanResult;

export interface ExecuteOptions {
  graph: VersionGraph;
  /** The project's version table (env.py's version_table); default alembic_version. */
  versionTable?: VersionTable;
  /** SET LOCAL lock_timeout, in milliseconds (default 10 000). Also bounds the wait for another run. */
  lockTimeoutMs?: number;
  /** Run everything, then ROLLBACK. */
  dryRun?: boolean;
  /** Copy data at risk into migration_guard_backup first (default true). */
  backup?: boolean;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface StatementReport {
  sql: string;
  rowCount: number | null;
}

/** A target at risk; `counted` is set when the executor counted it without a backup table (SQLite: the file is copied whole). */
export type AtRiskTarget = BackupTarget & { counted?: { rows: number; values: Record<string, number> } };

export interface StepReport {
  revision: string;
  direction: 'up' | 'down';
  message: string | null;
  statements: StatementReport[];
  backups: BackupRecord[];
  /** What the step destroys, whether or not it was backed up (the confirmation is built from this). */
  atRisk?: AtRiskTarget[];
  /** Raw SQL the engine could not check for data loss. */
  unchecked?: UncheckedSql[];
  /** Downgrades: the values and rows that came back from backups. */
  restored?: RestoredData[];
  /** The data at risk counted before the step ran, by the finding code's own measure (what `check` reports). */
  rowCounts?: RowsAtRisk[];
}

export interface ExecutionFailure {
  revision: string | null;
  statement: string | null;
  message: string;
  /** PostgreSQL's SQLSTATE, when the error came from the server. */
  code?: string;
  detail?: string;
  hint?: string;
  location?: SourceLocation;
  /** Why, as data (core/reasons.ts): the extension words it in the user's language from this. */
  reason?: Reason;
}

export type ExecutionStatus = 'applied' | 'dry-run' | 'nothing-to-do' | 'refused' | 'failed' | 'lock-busy';

export interface ExecutionResult {
  status: ExecutionStatus;
  headsBefore: string[];
  headsAfter: string[];
  steps: StepReport[];
  failure?: ExecutionFailure;
  /** One line saying what happened. */
  summary: string;
}

interface PgError {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
}

class StepError extends Error {
  constructor(
    readonly step: PlannedStep,
    readonly statement: PlannedStatement | null,
    override readonly cause: unknown,
  ) {
    super((cause as PgError)?.message ?? String(cause));
  }
}

function failureOf(error: unknown): ExecutionFailure {
  if (error instanceof StepError) {
    const pg = (error.cause ?? {}) as PgError;
    return {
      revision: error.step.revision,
      statement: error.statement?.sql ?? null,
      message: redactSecrets(pg.message ?? String(error.cause)),
      ...(pg.code ? { code: pg.code } : {}),
      ...(pg.detail ? { detail: redactSecrets(pg.detail) } : {}),
      ...(pg.hint ? { hint: pg.hint } : {}),
      ...(error.statement?.location ? { location: error.statement.location } : {}),
      reason: { kind: 'database-error', revision: error.step.revision },
    };
  }
  const pg = (error ?? {}) as PgError;
  const reason: Reason = error instanceof MigrationLockBusyError ? error.reason : { kind: 'database-error', revision: null };
  return { revision: null, statement: null, message: redactSecrets(pg.message ?? String(error)), ...(pg.code ? { code: pg.code } : {}), reason };
}

async function runStep(
  client: ClientBase,
  step: PlannedStep,
  heads: string[],
  opts: ExecuteOptions,
  now: Date,
): Promise<{ report: StepReport; heads: string[] }> {
  const log = opts.log ?? (() => undefined);
  const report: StepReport = {
    revision: step.revision,
    direction: step.direction,
    message: step.message ?? null,
    statements: [],
    backups: [],
    atRisk: step.backups,
    unchecked: step.unchecked ?? [],
  };
  log(EXECUTION_TEXT.starting(step.direction, step.revision, step.message));
  for (const note of step.notes ?? []) log(`  ${EXECUTION_TEXT.note(note)}`);
  if (opts.backup !== false && step.backups.length > 0) {
    try {
      report.backups = await takeBackups(client, step.backups, step, now);
    } catch (error) {
      throw new StepError(step, { sql: EXECUTION_TEXT.backupStatement }, error);
    }
    for (const record of report.backups) log(opts.dryRun ? EXECUTION_TEXT.dryRunBackup(backupLine(record)) : backupLine(record));
  }
  if (step.counts?.length) {
    report.rowCounts = [];
    for (const query of step.counts) report.rowCounts.push(await countRowsInTransaction(client, query));
  }
  for (const sql of report.unchecked ?? []) log(`  ${EXECUTION_TEXT.unchecked(sql.sql.replace(/\s+/g, ' ').slice(0, 120))}`);
  const ran = await runWithRestores(client, step.statements, step.restores ?? [], step.revision, log);
  if ('error' in ran) throw new StepError(step, ran.statement ?? { sql: EXECUTION_TEXT.revisionStatements }, ran.error);
  if (ran.restored.length > 0) report.restored = ran.restored;
  step.statements.forEach((statement, i) => report.statements.push({ sql: statement.sql, rowCount: ran.rowCounts[i] ?? null }));
  const change = versionChange(heads, step, opts.graph);
  for (const statement of change.statements) {
    try {
      await applyVersionStatement(client, statement, opts.versionTable);
    } catch (error) {
      throw new StepError(step, { sql: `-- alembic_version ${statement.kind}` }, error);
    }
  }
  return { report, heads: change.heads };
}

/** Plans (under the lock) and runs a migration path in one transaction. Never leaves it half-applied. */
export async function executeMigration(client: ClientBase, planner: Planner, opts: ExecuteOptions): Promise<ExecutionResult> {
  const log = opts.log ?? (() => undefined);
  const now = (opts.now ?? (() => new Date()))();
  const lockTimeout = Math.max(0, Math.round(opts.lockTimeoutMs ?? 10_000));
  let headsBefore: string[] = [];
  let heads: string[];
  const steps: StepReport[] = [];
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL lock_timeout = ${lockTimeout}`);
    await acquireMigrationLock(client, log);
    headsBefore = (await readAlembicVersion(client, opts.versionTable)) ?? [];
    heads = [...headsBefore];
    const plan = planner(headsBefore);
    if (!plan.ok) {
      await client.query('ROLLBACK');
      return refusedBeforeStart(headsBefore, plan.message, plan.reason);
    }
    if (plan.steps.length === 0) {
      await client.query('ROLLBACK');
      return nothingToDo(headsBefore);
    }
    await ensureVersionTable(client, opts.versionTable);
    for (const step of plan.steps) {
      const done = await runStep(client, step, heads, opts, now);
      steps.push(done.report);
      heads = done.heads;
    }
    if (opts.dryRun) {
      await client.query('ROLLBACK');
      return {
        status: 'dry-run',
        headsBefore,
        headsAfter: heads,
        steps,
        summary: EXECUTION_TEXT.dryRun(steps.length, describeHeads(headsBefore), describeHeads(heads)),
      };
    }
    await client.query('COMMIT');
    return {
      status: 'applied',
      headsBefore,
      headsAfter: heads,
      steps,
      summary: EXECUTION_TEXT.applied(steps.length, describeHeads(headsBefore), describeHeads(heads)),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const failure = failureOf(error);
    if (error instanceof MigrationLockBusyError) {
      return { status: 'lock-busy', headsBefore, headsAfter: headsBefore, steps: [], failure, summary: failure.message };
    }
    return {
      status: 'failed',
      headsBefore,
      headsAfter: headsBefore,
      steps: [],
      failure,
      summary: EXECUTION_TEXT.failed(failure.revision, describeHeads(headsBefore)),
    };
  }
}

/** The result when the planner refuses: nothing ran, the database is where it was (both executors). */
export function refusedBeforeStart(headsBefore: string[], message: string, reason?: Reason): ExecutionResult {
  return {
    status: 'refused',
    headsBefore,
    headsAfter: headsBefore,
    steps: [],
    failure: { revision: null, statement: null, message, ...(reason ? { reason } : {}) },
    summary: EXECUTION_TEXT.refused(message),
  };
}

/** The result when the database is already at the target (both executors). */
export function nothingToDo(headsBefore: string[]): ExecutionResult {
  return {
    status: 'nothing-to-do',
    headsBefore,
    headsAfter: headsBefore,
    steps: [],
    summary: EXECUTION_TEXT.nothingToDo(describeHeads(headsBefore)),
  };
}

export const describeHeads = headsText;
