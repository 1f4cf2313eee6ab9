// The modal before anything that destroys data. VS Code's modal makes the first item the primary
// button, which has the focus (Enter picks it), and adds "Cancel" (Escape) last. So the first item is
// the one that keeps the data: Enter, or a hurried click on the highlighted button, never destroys.
import * as vscode from 'vscode';

/** True only when the user picked the destructive button itself. */
export async function confirmDestructive(message: string, detail: string, confirmLabel: string): Promise<boolean> {
  const keep: vscode.MessageItem = { title: vscode.l10n.t('Keep Data (Cancel)') };
  const confirm: vscode.MessageItem = { title: confirmLabel };
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, keep, confirm);
  return answer === confirm;
}
