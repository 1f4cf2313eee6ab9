// Workspace trust: an untrusted workspace gets warnings only — no database writes, no subprocesses.
import * as vscode from 'vscode';
import { UserFacingError } from './errors';

export function requireTrust(action: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} is disabled in an untrusted workspace: Migration Guard only shows warnings there. Trust the workspace to use database commands.',
        action,
      ),
    );
  }
}
