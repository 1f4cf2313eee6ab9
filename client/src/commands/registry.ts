// Registers every command in one place behind one error wrapper: a failure is logged (masked) to the
// output channel and shown once, with a button to open the output; a cancelled input is silent.
import * as vscode from 'vscode';
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { redactSecrets } from '../../../server/src/core/redact';
import { Cancelled, UserFacingError } from '../errors';
import type { CommandContext, CommandHandler } from './context';
import { createMigration } from './createMigration';
import { upgradeToHead } from './upgradeToHead';
import { upgradeToHere } from './upgradeToHere';
import { upgradeTo } from './upgradeTo';
import { downgradeTo } from './downgradeTo';
import { downgradeOne } from './downgradeOne';
import { downgradeToHere } from './downgradeToHere';
import { showSql } from './showSql';
import { dryRun } from './dryRun';
import { testRoundTrip } from './testRoundTrip';
import { stamp } from './stamp';
import { mergeHeads } from './mergeHeads';
import { restoreBackup } from './restoreBackup';
import { setDatabaseUrl } from './setDatabaseUrl';
import { refresh } from './refresh';
import { showOutput } from './showOutput';
import { gettingStarted } from './gettingStarted';
import { showSetup } from './showSetup';
import { showRuleDocs } from './showRuleDocs';

export const COMMANDS: Record<string, CommandHandler> = {
  'migrationGuard.gettingStarted': gettingStarted,
  'migrationGuard.createMigration': createMigration,
  'migrationGuard.upgradeToHead': upgradeToHead,
  'migrationGuard.upgradeToHere': upgradeToHere,
  'migrationGuard.upgradeTo': upgradeTo,
  'migrationGuard.downgradeOne': downgradeOne,
  'migrationGuard.downgradeToHere': downgradeToHere,
  'migrationGuard.downgradeTo': downgradeTo,
  'migrationGuard.showSql': showSql,
  'migrationGuard.dryRun': dryRun,
  'migrationGuard.testRoundTrip': testRoundTrip,
  'migrationGuard.stamp': stamp,
  'migrationGuard.showSetup': showSetup,
  'migrationGuard.mergeHeads': mergeHeads,
  'migrationGuard.restoreBackup': restoreBackup,
  'migrationGuard.setDatabaseUrl': setDatabaseUrl,
  'migrationGuard.refresh': refresh,
  'migrationGuard.showOutput': showOutput,
  'migrationGuard.showRuleDocs': showRuleDocs,
};

/** A refusal the server states for the user (bad input, several heads, half-typed models): no stack trace. */
function isExpectedRefusal(error: unknown): boolean {
  return error instanceof UserFacingError || (error instanceof ResponseError && error.code === ErrorCodes.InvalidParams);
}

export async function handleCommandError(ctx: CommandContext, id: string, error: unknown): Promise<void> {
  if (error instanceof Cancelled) return;
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  if (isExpectedRefusal(error)) {
    const detail = error instanceof UserFacingError ? error.detail : undefined;
    ctx.output.warn(`${id}: ${message}${detail ? `\n${redactSecrets(detail)}` : ''}`);
  } else {
    ctx.output.error(vscode.l10n.t('{0} failed: {1}', id, redactSecrets(error instanceof Error ? (error.stack ?? message) : message)));
  }
  const showOutput = vscode.l10n.t('Show Output');
  void vscode.window.showErrorMessage(`Migration Guard: ${message}`, showOutput).then((choice) => {
    if (choice === showOutput) ctx.output.show(true);
  });
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(ctx, ...args);
      } catch (error) {
        await handleCommandError(ctx, id, error);
        return undefined;
      }
    }),
  );
}
