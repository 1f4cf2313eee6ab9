// The harness itself: code-server from the cache, Debian's Chromium through playwright-core, and a
// throwaway .vsix installed with --install-extension that exercises every page helper the flows use.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { deleteCurrentLine, goToLine, hoverSquiggle, lineOfSquiggle, squiggles } from './support/editor';
import { openFile, runCommand, waitForNotification } from './support/palette';
import { clickDialogButton, clickViewAction, openViewContainer, problemRow, treeItem, viewPane, waitForModal } from './support/panels';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { writeSmokeVsix } from './support/vsix';

let server: CodeServer | undefined;
let workbench: Workbench | undefined;
const message = `hello from the vsix ${process.pid}`;

before(async () => {
  if (e2eProblem() !== null) return;
  const scratch = scratchDir('smoke');
  const folder = join(scratch, 'workspace');
  mkdirSync(folder);
  writeFileSync(join(folder, 'notes.txt'), 'keep this\nkeep that\nalso keep\n');
  const vsix = join(scratch, 'e2e-smoke.vsix');
  writeSmokeVsix(vsix, message);
  const home = newHome('smoke');
  installExtension(home, vsix);
  server = await startCodeServer({ folder, home });
  workbench = await openWorkbench(server.url, 'smoke');
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  removeScratchDirs();
});

test('smoke: the workbench opens the workspace and runs a palette command from the installed .vsix', async (t) => {
  if (needsE2e(t) || !workbench) return;
  const wb = workbench;
  const { page } = wb;
  await wb.step('workbench', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="notes.txt"]').waitFor({ state: 'visible' });
    await wb.screenshot('workbench');
    await runCommand(page, 'E2E Smoke: Say Hello');
    const toast = await waitForNotification(page, message);
    assert.match(await toast.innerText(), new RegExp(message));
    await wb.screenshot('command-from-vsix');
  });
});

test('smoke: editing a line raises a squiggle on that line, with hover text and a Problems row', async (t) => {
  if (needsE2e(t) || !workbench) return;
  const wb = workbench;
  const { page } = wb;
  await wb.step('squiggle', async () => {
    await openFile(page, 'notes.txt');
    await goToLine(page, 2);
    await deleteCurrentLine(page);
    await page.keyboard.type('please drop it\n');
    const squiggle = squiggles(page, 'warning').first();
    await squiggle.waitFor({ state: 'visible' });
    assert.equal(await lineOfSquiggle(page, squiggle), 2);
    const hover = await hoverSquiggle(page, squiggle, 'this line drops something');
    assert.match(await hover.innerText(), /SM001/);
    await wb.screenshot('squiggle-hover');
    const row = await problemRow(page, 'SM001');
    assert.match(await row.innerText(), /drops something/);
    await wb.screenshot('problems');
  });
});

test('smoke: a sidebar view action asks in a modal dialog and the tree updates', async (t) => {
  if (needsE2e(t) || !workbench) return;
  const wb = workbench;
  const { page } = wb;
  await wb.step('view-action', async () => {
    await openViewContainer(page, 'E2E Smoke');
    const pane = await viewPane(page, 'Items');
    await treeItem(pane, 'step one (pending)').waitFor({ state: 'visible' });
    await clickViewAction(page, pane, 'Apply');
    const dialog = await waitForModal(page, 'Apply step one?');
    assert.match(dialog.detail, /3 rows/);
    await wb.screenshot('modal');
    await clickDialogButton(dialog, 'Apply');
    await treeItem(pane, 'step one (applied)').waitFor({ state: 'visible' });
    await wb.screenshot('tree-updated');
  });
});
