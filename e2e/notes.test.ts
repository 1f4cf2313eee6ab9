// A large history full of replay notes: they sit under one collapsed "N notes" node of the Migrations view,
// and every revision, down to the base, stays reachable in the tree (issue 18, "Problems go where problems go").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { missingOracle } from '../server/test/support/oracles';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { openViewContainer, treeItem, viewPane } from './support/panels';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { addConflictingRevisions, copyFixture } from './support/workspace';

const NOTES = 50;
const CLASSIC_HEAD = '3f8a897020d0';

let server: CodeServer | undefined;
let workbench: Workbench | undefined;

before(async () => {
  if (e2eProblem() !== null || extensionBuildProblem() !== null) return;
  const vsix = packageExtension(scratchDir('notes'));
  const workspace = copyFixture('classic');
  addConflictingRevisions(workspace, CLASSIC_HEAD, NOTES);
  const home = newHome('notes');
  installExtension(home, vsix);
  server = await startCodeServer({ folder: workspace, home });
  const started = server;
  workbench = await openWorkbench(server.url, 'notes', () => started.logs(['Migration Guard']));
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  removeScratchDirs();
});

test(`${NOTES} replay notes make one collapsible node, and every revision stays reachable`, async (t) => {
  if (needsE2e(t) || missingOracle(t, extensionBuildProblem())) return;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  const wb = workbench;
  const { page } = wb;
  await wb.step('notes', async () => {
    await openViewContainer(page, 'Migration Guard');
    const pane = await viewPane(page, 'Migrations');
    const group = treeItem(pane, new RegExp(`^\\s*${NOTES} notes`));
    await group.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await group.getAttribute('aria-expanded'), 'false', 'the notes start collapsed');
    // The newest revision shows right under the one notes row; no note row stands between.
    await treeItem(pane, `cleanup step ${NOTES}`).waitFor({ state: 'visible' });
    assert.equal(
      await pane
        .locator('.monaco-list-row')
        .filter({ hasText: /ix_post_legacy/ })
        .count(),
      0,
      'no note row while collapsed',
    );
    await wb.screenshot('notes-collapsed');

    // The end of the list is the base revision, reachable from the keyboard as with the mouse wheel.
    await group.click();
    await pane
      .locator('.monaco-list-row')
      .filter({ hasText: /ix_post_legacy/ })
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('notes-expanded');
    await page.keyboard.press('End');
    await treeItem(pane, 'initial tables: user and post').waitFor({ state: 'visible' });
    await wb.screenshot('notes-base-reachable');
    // The view's message is one short line, not the notes themselves.
    const message = pane.locator('.tree-explorer-viewlet-tree-view-message, .message');
    if (await message.count()) assert.ok((await message.first().innerText()).length < 200, 'the view message stays short');
  });
});
