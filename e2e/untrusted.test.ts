// Restricted Mode on purpose: the workspace-trust prompt is answered "No", and Migration Guard must only
// warn — DS103 still shows on a model edit, while database commands are gone and the Database view says why.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { missingOracle } from '../server/test/support/oracles';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { deleteCurrentLine, goToLine, squiggles } from './support/editor';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { openFile, paletteLabels } from './support/palette';
import { clickDialogButton, openViewContainer, viewActionLabels, viewPane, waitForModal } from './support/panels';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { copyFixture, lineNumberOf } from './support/workspace';

let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace = '';

before(async () => {
  if (e2eProblem() !== null || extensionBuildProblem() !== null) return;
  const vsix = packageExtension(scratchDir('untrusted'));
  workspace = copyFixture('classic');
  const home = newHome('untrusted');
  installExtension(home, vsix);
  server = await startCodeServer({
    folder: workspace,
    home,
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' },
  });
  const started = server;
  workbench = await openWorkbench(server.url, 'untrusted', () => started.logs(['Migration Guard']));
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  removeScratchDirs();
});

test('untrusted workspace: Migration Guard still warns, but offers no database command', async (t) => {
  if (needsE2e(t) || missingOracle(t, extensionBuildProblem())) return;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  const wb = workbench;
  const { page } = wb;
  await wb.step('untrusted', async () => {
    const prompt = await waitForModal(page, /trust the authors/i);
    await wb.screenshot('trust-prompt');
    await clickDialogButton(prompt, "No, I don't trust the authors");
    await page.locator('.statusbar-item').filter({ hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible' });

    const models = join(workspace, 'models.py');
    await openFile(page, 'models.py');
    await goToLine(page, lineNumberOf(models, /^\s+email\s*=/));
    await deleteCurrentLine(page);
    const squiggle = squiggles(page, 'warning').first();
    await squiggle.waitFor({ state: 'visible' });
    await wb.screenshot('restricted-still-warns');

    const labels = await paletteLabels(page, 'Migration Guard:', /Create Migration/);
    for (const command of ['Upgrade to Head', 'Upgrade to…', 'Downgrade One', 'Downgrade to…', 'Set Database URL']) {
      assert.ok(!labels.some((l) => l.includes(`: ${command}`)), `"${command}" must not be offered in Restricted Mode (palette: ${labels.join(', ')})`);
    }
    await openViewContainer(page, 'Migration Guard');
    const migrations = await viewPane(page, 'Migrations');
    const actions = await viewActionLabels(page, migrations);
    assert.ok(
      actions.some((a) => a.startsWith('Create Migration')),
      `the Migrations view still offers Create Migration (actions: ${actions.join(', ')})`,
    );
    assert.ok(!actions.some((a) => a.startsWith('Upgrade to Head')), `no Upgrade to Head button in Restricted Mode (actions: ${actions.join(', ')})`);
    const database = await viewPane(page, 'Database');
    await database.getByText(/not trusted.*only shows warnings/).waitFor({ state: 'visible' });
    await wb.screenshot('restricted-database-view');
  });
});
