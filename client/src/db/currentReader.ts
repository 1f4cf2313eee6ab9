// Describes a project's database for the views: where its URL comes from (masked) and, when the
// workspace is trusted, the revisions in its alembic_version (the CLI's `current`).
import * as vscode from 'vscode';
import { redactSecrets } from '../../../server/src/core/redact';
import type { ProjectInfo } from '../../../server/src/protocol';
import { currentArgs } from '../model/cliArgs';
import { parseCurrentOutput } from '../model/execution';
import type { CurrentReader, DatabaseStatus } from '../views/projectRepository';
import type { DatabaseStore } from './databaseStore';
import { parseJsonOutput, runCliQueued } from './cliRunner';

// Generous: the first open of the embedded database creates it (initdb), which takes a while.
const CURRENT_TIMEOUT_MS = 60_000;

export function makeCurrentReader(databases: DatabaseStore, cliPath: string, log: vscode.LogOutputChannel): CurrentReader {
  return async (info: ProjectInfo, known: string[] | null): Promise<DatabaseStatus> => {
    const choice = await databases.resolve(info.root);
    if (!choice) return { configured: false, current: known, label: null, source: null, error: null };
    if ('error' in choice) return { configured: true, current: null, label: null, source: null, error: choice.error };
    const status: DatabaseStatus = { configured: true, current: known, label: redactSecrets(choice.url), source: choice.source, error: null };
    // The CLI's answer is authoritative right after a move; the server's (read when the URL was set) may lag.
    if (!vscode.workspace.isTrusted) return status;
    const explicit = await databases.explicit(info.root);
    const result = await runCliQueued({
      cliPath,
      args: currentArgs(vscode.Uri.parse(info.root).fsPath),
      cwd: vscode.Uri.parse(info.root).fsPath,
      ...(explicit ? { databaseUrl: explicit.url } : {}),
      signal: AbortSignal.timeout(CURRENT_TIMEOUT_MS),
    });
    const current = result.exitCode === 0 ? parseCurrentOutput(parseJsonOutput(result.stdout)) : null;
    if (current === null) {
      const message = redactSecrets(result.stderr.trim().split('\n')[0] ?? '') || (result.cancelled ? 'timed out' : `exit code ${result.exitCode}`);
      log.warn(`Could not read the current revision of ${info.name}: ${message}`);
      return { ...status, current: known, error: known === null ? message.replace(/^migration-guard \S+: /, '') : null };
    }
    return { ...status, current };
  };
}
