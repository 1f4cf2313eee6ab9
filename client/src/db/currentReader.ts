// Describes a project's database for the views and the status bar: its dialect, the URL (masked) and
// where it comes from, whether it answers (and if not, why), and the revisions in its alembic_version.
// The language server owns database state: it reads the database (DatabaseStatusRequest) for this and
// for the revision tree alike. Only the embedded PGlite database, which one process opens at a time and
// the server never opens, is read by the CLI's `current`. Nothing is contacted in an untrusted workspace.
import { errorReasonText } from '../model/runOutcome';
import * as vscode from 'vscode';
import { redactSecrets } from '../../../server/src/core/redact';
import type { ProjectInfo } from '../../../server/src/protocol';
import { currentArgs } from '../model/cliArgs';
import { dialectOfUrl, isEmbedded } from '../model/databaseUrl';
import { parseCurrentOutput } from '../model/execution';
import type { CurrentReader, DatabaseStatus } from '../views/projectRepository';
import { EMBEDDED_DESCRIPTION, type DatabaseChoice, type DatabaseStore } from './databaseStore';
import { parseJsonOutput, runCliQueued } from './cliRunner';
import type { ServerConnection } from '../lsp/serverConnection';

// Generous: the first open of the embedded database creates it (initdb), which takes a while.
const CURRENT_TIMEOUT_MS = 60_000;

const TEXT = {
  get timedOut() {
    return vscode.l10n.t('no answer within {0} s', CURRENT_TIMEOUT_MS / 1000);
  },
  exitCode: (code: number) => vscode.l10n.t('the check ended with exit code {0}', code),
  get noAnswer() {
    return vscode.l10n.t('the database did not answer');
  },
};

/** The driver's reason from the CLI's stderr: its first line, without the "migration-guard current:" prefix. */
export function failureReason(stderr: string, cancelled: boolean, exitCode: number): string {
  const line = redactSecrets(
    stderr
      .trim()
      .split('\n')
      .find((l) => l.trim()) ?? '',
  )
    .replace(/^migration-guard \S+: /, '')
    .trim();
  if (line) return line;
  return cancelled ? TEXT.timedOut : TEXT.exitCode(exitCode);
}

const DIALECT_NAMES = { postgresql: 'PostgreSQL', sqlite: 'SQLite', mysql: 'MySQL' } as const;

/** The engine's dialect detection when it gave one (config.py and the rest), else the URL's scheme. */
function dialectName(choice: DatabaseChoice): string | null {
  if (choice.dialect && choice.dialect !== 'other') return DIALECT_NAMES[choice.dialect];
  return dialectOfUrl(choice.url);
}

export function makeCurrentReader(databases: DatabaseStore, server: ServerConnection, cliPath: string, log: vscode.LogOutputChannel): CurrentReader {
  return async (info: ProjectInfo): Promise<DatabaseStatus> => {
    const choice = await databases.resolve(info.root);
    const none: DatabaseStatus = { configured: false, state: 'not-configured', current: null, label: null, source: null, dialect: null, error: null };
    if (!choice) return none;
    if ('error' in choice) {
      return {
        ...none,
        configured: true,
        state: 'unusable',
        source: choice.source ?? null,
        label: choice.url ? redactSecrets(choice.url) : null,
        dialect: choice.url ? dialectOfUrl(choice.url) : null,
        error: choice.error,
      };
    }
    const status: DatabaseStatus = {
      configured: true,
      state: 'not-checked',
      current: null,
      label: isEmbedded(choice.url) ? EMBEDDED_DESCRIPTION : redactSecrets(choice.url),
      source: choice.source,
      dialect: dialectName(choice),
      error: null,
    };
    if (!vscode.workspace.isTrusted) return status;
    if (!isEmbedded(choice.url)) {
      const answer = await server
        .databaseStatus(info.root, choice.url)
        .catch((e: unknown) => ({ connected: false, current: null, error: (e as Error).message ?? String(e) }));
      if (!answer.connected) {
        const reason = redactSecrets(answer.error ?? TEXT.noAnswer);
        log.warn(vscode.l10n.t('Cannot connect to the database of {0}: {1}', info.name, reason));
        return { ...status, state: 'cannot-connect', error: reason };
      }
      return { ...status, state: 'connected', current: answer.current ?? [] };
    }
    const explicit = await databases.explicit(info.root);
    const result = await runCliQueued({
      cliPath,
      args: currentArgs(vscode.Uri.parse(info.root).fsPath),
      cwd: vscode.Uri.parse(info.root).fsPath,
      project: info.root,
      ...(explicit ? { databaseUrl: explicit.url } : {}),
      signal: AbortSignal.timeout(CURRENT_TIMEOUT_MS),
    });
    // Exit 2 with JSON: the revisions were read, and one is unknown to the project (MG003, shown in the editor).
    const current = result.exitCode === 0 || result.exitCode === 2 ? parseCurrentOutput(parseJsonOutput(result.stdout)) : null;
    if (current === null) {
      // Whatever the server read earlier may be stale: say plainly that the database does not answer now.
      const reason = errorReasonText(parseJsonOutput(result.stdout)) ?? failureReason(result.stderr, result.cancelled, result.exitCode);
      log.warn(vscode.l10n.t('Cannot connect to the database of {0}: {1}', info.name, reason));
      return { ...status, state: 'cannot-connect', error: reason };
    }
    return { ...status, state: 'connected', current };
  };
}
