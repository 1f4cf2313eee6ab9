// The server links each diagnostic's code to its page on disk (docs/rules/<CODE>.md, works in any
// editor). In VS Code the link runs Show Rule Documentation instead, which renders the page.
import * as vscode from 'vscode';
import { SHOW_RULE_DOCS } from '../commands/showRuleDocs';

const SOURCE = 'migration-guard';

export function withRuleDocsCommand(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    if (diagnostic.source !== SOURCE || typeof code !== 'object' || code === null) continue;
    const id = String(code.value);
    if (code.target.scheme !== 'file' || !code.target.path.endsWith(`/docs/rules/${id}.md`)) continue;
    diagnostic.code = { value: code.value, target: vscode.Uri.parse(`command:${SHOW_RULE_DOCS}?${encodeURIComponent(JSON.stringify([id]))}`) };
  }
  return diagnostics;
}
