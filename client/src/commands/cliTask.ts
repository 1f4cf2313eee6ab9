// Runs the bundled CLI for a command, inside a cancellable progress notification, logging (masked)
// what it does to the output channel.
import * as vscode from 'vscode';
import { redactSecrets } from '../../../server/src/core/redact';
import { parseJsonOutput, runCliQueued, type CliResult } from '../db/cliRunner';
import { cliErrorText } from '../model/runOutcome';
import { Cancelled, UserFacingError } from '../errors';
import { requireTrust } from '../trust';
import type { CommandContext } from './context';
import { projectDir } from './pick';
import type { ProjectSnapshot } from '../views/projectRepository';

export interface CliTaskOptions {
  title: string;
  /** Use this URL; undefined lets the CLI resolve the project's own configuration. */
  databaseUrl?: string;
  cancellable?: boolean;
}

export async function runCliTask(ctx: CommandContext, project: ProjectSnapshot, args: string[], opts: CliTaskOptions): Promise<CliResult> {
  requireTrust(opts.title);
  const cwd = projectDir(project);
  ctx.output.info(`$ migration-guard ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Migration Guard: ${opts.title}`, cancellable: opts.cancellable ?? true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await runCliQueued({
          cliPath: ctx.cliPath,
          args,
          cwd,
          project: project.info.root,
          ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}),
          signal: abort.signal,
          onStderrLine: (line) => {
            if (!line.trim()) return;
            ctx.output.info(`  ${line}`);
            progress.report({ message: redactSecrets(line).slice(0, 120) });
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  if (result.cancelled) {
    ctx.output.warn(vscode.l10n.t('{0}: cancelled. An unfinished transaction is rolled back by PostgreSQL when the connection closes.', opts.title));
    void ctx.repository.refresh();
    throw new Cancelled();
  }
  return result;
}

/** The CLI's error when it exits 2 without a result: worded from `{"error": {reason}}`; the English text goes to the output channel. */
export function cliFailure(title: string, result: CliResult): UserFacingError {
  const text = redactSecrets(result.stderr.trim() || result.stdout.trim() || vscode.l10n.t('exit code {0}', result.exitCode));
  const firstLine = text.split('\n').find((l) => l.trim()) ?? text;
  return new UserFacingError(cliErrorText(title, parseJsonOutput(result.stdout), firstLine.replace(/^migration-guard \S+: /, '')), text);
}
