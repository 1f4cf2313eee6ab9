// Non-blocking notifications: commands return as soon as their work is done, not when a toast is closed.
import * as vscode from 'vscode';
import type { RedactingChannel } from './output';

export function notifyInfo(output: RedactingChannel, message: string): void {
  const showOutput = vscode.l10n.t('Show Output');
  void vscode.window.showInformationMessage(`Migration Guard: ${message}`, showOutput).then((choice) => {
    if (choice === showOutput) output.show(true);
  });
}
