// In-host suite: runs inside VS Code's extension host (extensionTestsPath), talking to the real extension
// through the vscode API. The workspace is the copy of test-fixtures/classic the launcher opened.
// Bundled to CommonJS by run.mjs; `run` is the entry point VS Code calls. No fixed sleeps: poll with a deadline.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'migration-guard.migration-guard';

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function extensionActivates(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['migrationGuard.createMigration', 'migrationGuard.upgradeToHead', 'migrationGuard.downgradeOne']) {
    assert.ok(commands.includes(id), `${id} is registered`);
  }
}

async function droppingAColumnWarnsDs103(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'models.py');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const line = document
    .getText()
    .split('\n')
    .findIndex((text) => /^\s+email\s*=/.test(text));
  assert.ok(line >= 0, 'models.py declares user.email');
  const edit = new vscode.WorkspaceEdit();
  edit.delete(uri, new vscode.Range(line, 0, line + 1, 0));
  assert.ok(await vscode.workspace.applyEdit(edit));
  const ds103 = await until('a DS103 diagnostic on models.py', () =>
    vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'DS103'),
  );
  assert.equal(ds103.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(ds103.message, /user\.email/);
  const classLine = document
    .getText()
    .split('\n')
    .findIndex((text) => /^class User\b/.test(text));
  assert.equal(ds103.range.start.line, classLine, 'DS103 points at the class of the table that loses the column');
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export async function run(): Promise<void> {
  const tests: [string, () => Promise<void>][] = [
    ['the extension activates and registers its commands', extensionActivates],
    ['deleting a column line in models.py raises DS103 at the class', droppingAColumnWarnsDs103],
  ];
  const failures: { name: string; error: string }[] = [];
  for (const [name, body] of tests) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (error) {
      console.error(`not ok - ${name}\n${(error as Error).stack ?? String(error)}`);
      failures.push({ name, error: (error as Error).stack ?? String(error) });
    }
  }
  // Under code-server the browser has no exit code to give back, so the results also go to a file.
  const resultsFile = process.env.MG_INHOST_RESULTS;
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passed: tests.length - failures.length, failures }));
  if (failures.length) throw new Error(`${failures.length} in-host test(s) failed: ${failures.map((f) => f.name).join('; ')}`);
}
