// The one flow behind Upgrade to Head / Upgrade to Here / Downgrade One / Downgrade to Here:
// dry run first (rolled back) to learn what the move destroys and how many rows, a modal naming that
// data, then the real run with backups on by default, cancellable, reported to the output channel.
import * as vscode from 'vscode';
import { redactSecrets } from '../../../server/src/core/redact';
import type { ExecutionResult } from '../../../server/src/db/executor';
import { readSettings } from '../config';
import { parseJsonOutput } from '../db/cliRunner';
import { Cancelled, UserFacingError } from '../errors';
import { moveArgs } from '../model/cliArgs';
import { EMBEDDED } from '../model/databaseUrl';
import { confirmationText, type Direction } from '../model/confirmation';
import { executionReport, isExecutionResult, risksFromExecution, uncheckedFromExecution } from '../model/execution';
import { movementSummary } from '../model/movementText';
import { knownReason, reasonSentence } from '../model/runOutcome';
import { notifyInfo } from '../notify';
import { requireTrust } from '../trust';
import type { ProjectSnapshot } from '../views/projectRepository';
import { cliFailure, runCliTask } from './cliTask';
import { confirmDestructive } from './confirmDestructive';
import type { CommandContext } from './context';
import { projectDir } from './pick';

export interface MoveRequest {
  direction: Direction;
  target: string;
  /** Words for titles, e.g. "Upgrade to head". */
  title: string;
  dryRunOnly?: boolean;
}

/** The database a command will use, or a prompt to set one; returns the URL to pass (undefined: the project's own). */
export async function databaseFor(ctx: CommandContext, project: ProjectSnapshot): Promise<{ url: string | undefined; label: string; sqliteFile?: string }> {
  const choice = await ctx.databases.resolve(project.info.root);
  if (choice && 'error' in choice) throw new UserFacingError(choice.error);
  if (choice) {
    const explicit = await ctx.databases.explicit(project.info.root);
    return {
      url: explicit?.url,
      label: vscode.l10n.t('{0}, from {1}', redactSecrets(choice.url), choice.source),
      ...(choice.dialect === 'sqlite' && choice.sqlitePath ? { sqliteFile: choice.sqlitePath } : {}),
    };
  }
  const setUrl = vscode.l10n.t('Set Database URL');
  const useEmbedded = vscode.l10n.t('Use Embedded Database');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('No database is configured for {0}.', project.info.name),
    {
      modal: true,
      detail: vscode.l10n.t(
        "Set a PostgreSQL URL (kept in VS Code's secret storage), or define DATABASE_URL in .env or sqlalchemy.url in alembic.ini. The embedded database is a PGlite PostgreSQL kept in the project's .migration-guard/ folder.",
      ),
    },
    setUrl,
    useEmbedded,
  );
  if (answer === useEmbedded) await ctx.databases.store(project.info.root, EMBEDDED);
  else if (answer === setUrl) await vscode.commands.executeCommand('migrationGuard.setDatabaseUrl', project.info.root);
  else throw new Cancelled();
  const explicit = await ctx.databases.explicit(project.info.root);
  if (!explicit) throw new Cancelled();
  return { url: explicit.url, label: vscode.l10n.t('{0}, from {1}', redactSecrets(explicit.url), explicit.source) };
}

function readResult(title: string, raw: { exitCode: number; stdout: string; stderr: string; cancelled: boolean }): ExecutionResult {
  const parsed = parseJsonOutput(raw.stdout);
  if (!isExecutionResult(parsed)) throw cliFailure(title, raw);
  return parsed;
}

function failIfNotRun(ctx: CommandContext, title: string, result: ExecutionResult): void {
  if (result.status === 'failed' || result.status === 'refused' || result.status === 'lock-busy') {
    const log = result.status === 'refused' ? ctx.output.warn.bind(ctx.output) : ctx.output.error.bind(ctx.output);
    for (const line of executionReport(result)) log(line);
    throw new UserFacingError(`${title}: ${movementSummary(result)}`);
  }
}

export async function moveDatabase(ctx: CommandContext, project: ProjectSnapshot, req: MoveRequest): Promise<ExecutionResult | undefined> {
  requireTrust(req.title);
  const database = await databaseFor(ctx, project);
  const settings = readSettings(vscode.Uri.parse(project.info.root));
  const dir = projectDir(project);
  const base = { lockTimeoutMs: settings.lockTimeout, executor: settings.executor, pythonPath: settings.pythonPath, keepBackups: settings.keepBackups };
  const dbOpt = database.url !== undefined ? { databaseUrl: database.url } : {};

  // The preview is a native dry run that always takes backups (they roll back with it): that is how it
  // counts the rows at risk. Only the native executor can roll back, whatever the setting says.
  const preview = readResult(
    req.title,
    await runCliTask(ctx, project, moveArgs(req.direction, dir, req.target, { ...base, executor: 'native', dryRun: true, backup: true }), {
      title: vscode.l10n.t('{0}: checking what it would do…', req.title),
      ...dbOpt,
    }),
  );
  if (preview.status === 'refused' && knownReason(preview)?.kind === 'untranslatable' && !req.dryRunOnly && settings.executor !== 'native') {
    // Revisions holding Python only the project's Alembic can run: no preview, so no row counts — say so.
    await confirmUnpreviewed(ctx, req, preview, database.label);
    return runForReal(ctx, project, req, moveArgs(req.direction, dir, req.target, { ...base, dryRun: false, backup: settings.backupBeforeDestructive }), dbOpt);
  }
  failIfNotRun(ctx, req.title, preview);
  if (preview.status === 'nothing-to-do') {
    const summary = movementSummary(preview);
    ctx.output.info(summary);
    notifyInfo(ctx.output, summary);
    return preview;
  }
  if (req.dryRunOnly) {
    for (const line of executionReport(preview)) ctx.output.info(line);
    notifyInfo(ctx.output, movementSummary(preview));
    return preview;
  }

  const risks = risksFromExecution(preview);
  const unchecked = uncheckedFromExecution(preview);
  if (risks.length > 0 || unchecked.length > 0) {
    const text = confirmationText({
      direction: req.direction,
      target: req.target,
      steps: preview.steps.map((s) => ({ revision: s.revision, message: s.message })),
      risks,
      unchecked,
      database: database.label,
      backup: settings.backupBeforeDestructive,
      ...(database.sqliteFile ? { sqliteFile: database.sqliteFile } : {}),
    });
    if (!(await confirmDestructive(text.message, text.detail, text.confirmLabel))) {
      ctx.output.info(vscode.l10n.t('{0}: not confirmed; nothing was run.', req.title));
      throw new Cancelled();
    }
  }

  return runForReal(ctx, project, req, moveArgs(req.direction, dir, req.target, { ...base, dryRun: false, backup: settings.backupBeforeDestructive }), dbOpt);
}

async function confirmUnpreviewed(ctx: CommandContext, req: MoveRequest, preview: ExecutionResult, database: string): Promise<void> {
  const reason = reasonSentence(preview) ?? movementSummary(preview);
  const label = req.direction === 'upgrade' ? vscode.l10n.t('Upgrade Without Preview') : vscode.l10n.t('Downgrade Without Preview');
  const confirmed = await confirmDestructive(
    vscode.l10n.t('{0}: Migration Guard cannot preview this move, so it cannot tell which data is at risk.', req.title),
    vscode.l10n.t(
      "Database: {0}\n\n{1}\n\nThe project's own Alembic would run it, without Migration Guard's backups for the revisions it cannot translate.",
      database,
      reason,
    ),
    label,
  );
  if (!confirmed) {
    ctx.output.info(vscode.l10n.t('{0}: not confirmed; nothing was run.', req.title));
    throw new Cancelled();
  }
}

async function runForReal(
  ctx: CommandContext,
  project: ProjectSnapshot,
  req: MoveRequest,
  args: string[],
  dbOpt: { databaseUrl?: string },
): Promise<ExecutionResult> {
  const result = readResult(req.title, await runCliTask(ctx, project, args, { title: vscode.l10n.t('{0}…', req.title), ...dbOpt }));
  for (const line of executionReport(result)) ctx.output.info(line);
  ctx.databases.databaseChanged(project.info.root);
  await ctx.repository.refresh();
  failIfNotRun(ctx, req.title, result);
  // executionReport's first line was this summary already.
  notifyInfo(ctx.output, movementSummary(result));
  return result;
}
