// The harness itself: code-server from the cache, Debian's Chromium through playwright-core,
// and a .vsix installed with --install-extension whose command runs from the palette.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { runCommand, waitForNotification } from './support/palette';
import { needsE2e } from './support/prereqs';
import { writeSmokeVsix } from './support/vsix';

let server: CodeServer | undefined;
let workbench: Workbench | undefined;
after(async () => {
  await workbench?.close();
  await server?.stop();
});

test('smoke: code-server opens a workspace in Chromium and runs a command from an installed .vsix', async (t) => {
  if (needsE2e(t)) return;
  const scratch = mkdtempSync(join(tmpdir(), 'mg-e2e-smoke-'));
  const folder = join(scratch, 'workspace');
  mkdirSync(folder);
  writeFileSync(join(folder, 'hello.txt'), 'hello\n');
  const vsix = join(scratch, 'e2e-smoke.vsix');
  const message = `hello from the vsix ${process.pid}`;
  writeSmokeVsix(vsix, message);

  const home = newHome('smoke');
  installExtension(home, vsix);
  server = await startCodeServer({ folder, home });
  workbench = await openWorkbench(server.url, 'smoke');
  const { page } = workbench;
  await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="hello.txt"]').waitFor({ state: 'visible' });
  await workbench.screenshot('workbench');

  await runCommand(page, 'E2E Smoke: Say Hello');
  const toast = await waitForNotification(page, message);
  assert.match(await toast.innerText(), new RegExp(message));
  await workbench.screenshot('command-from-vsix');
});
