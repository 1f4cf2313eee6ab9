// Non-blocking notifications: commands return as soon as their work is done, not when a toast is closed.
import * as vscode from 'vscode';
import type { RedactingChannel } from './output';

export function notifyInfo(output: RedactingChannel, message: string): void {
  void vscode.window.showInformationMessage(`Migration Guard: ${message}`, 'Show Output').then((choice) => {
    if (choice === 'Show Output') output.show(true);
  });
}
