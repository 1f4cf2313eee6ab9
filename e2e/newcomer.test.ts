// The extension as a newcomer meets it (issue 18), in a real VS Code (code-server) with the .vsix installed, a
// temp copy of test-fixtures/classic and a real PostgreSQL database at the fixture's first revision:
//   the walkthrough opens on the first run; Set Database URL (URL in a visible field, password apart) updates the
//   Database view and the status bar without a Refresh, and a wrong password reads "cannot connect"; Upgrade to…
//   moves to a picked revision and says "Upgraded 1 revision", Downgrade to… back; Show SQL opens a read-only preview.
// The tests share one workbench and run in order.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { missingOracle, needsPythonAndPostgres, postgresProblem, pythonOracleProblem } from '../server/test/support/oracles';
import { createTestDatabase, type TestDatabase } from '../server/test/support/pgdb';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { currentRevisions } from './support/database';
import { activeEditor } from './support/editor';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { pickQuickItem, quickInput, runCommand, waitForNotification } from './support/palette';
import { clickDialogButton, openViewContainer, treeItem, viewPane, waitForModal } from './support/panels';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { waitUntil } from './support/wait';
import { copyFixture, flaskDb } from './support/workspace';

const BASE = 'e640417dbcb6';
const MIDDLE = '55534dee8a8f';

let db: TestDatabase | undefined;
let workspace = '';
let server: CodeServer | undefined;
let workbench: Workbench | undefined;

async function ready(t: TestContext): Promise<Workbench | undefined> {
  if (needsE2e(t) || (await needsPythonAndPostgres(t)) || missingOracle(t, extensionBuildProblem())) return undefined;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  return workbench;
}

before(async () => {
  if (e2eProblem() !== null || pythonOracleProblem() !== null || (await postgresProblem()) !== null || extensionBuildProblem() !== null) return;
  const vsix = packageExtension(scratchDir('newcomer'));
  workspace = copyFixture('classic');
  db = await createTestDatabase('mg_e2e_newcomer');
  flaskDb(workspace, db.sqlalchemyUrl, ['upgrade', BASE]);
  const home = newHome('newcomer');
  installExtension(home, vsix);
  // No DATABASE_URL anywhere: the newcomer starts with nothing configured. Walkthroughs open as on a fresh install.
  const env = { DATABASE_URL: '', SQLALCHEMY_DATABASE_URI: '' };
  server = await startCodeServer({
    folder: workspace,
    home,
    env,
    settings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true, 'migrationGuard.showWalkthroughOnFirstRun': true },
  });
  const started = server;
  workbench = await openWorkbench(server.url, 'newcomer', () => started.logs(['Migration Guard']));
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  await db?.drop();
  removeScratchDirs();
});

function statusItem(wb: Workbench, text: string | RegExp) {
  return wb.page.locator('.statusbar-item').filter({ hasText: text }).first();
}

/** Runs Set Database URL: the URL in a visible field, then the password in a password field. */
async function setDatabaseUrl(wb: Workbench, url: string, password: string): Promise<void> {
  const { page } = wb;
  await runCommand(page, 'Migration Guard: Set Database URL');
  const widget = quickInput(page);
  const input = widget.locator('input.input');
  await widget
    .getByText(/without the password/)
    .first()
    .waitFor({ state: 'visible' });
  assert.notEqual(await input.getAttribute('type'), 'password', 'the URL is typed in a visible field');
  await input.fill(url);
  await input.press('Enter');
  await widget
    .getByText(/Leave empty if the user has no password/)
    .first()
    .waitFor({ state: 'visible' });
  assert.equal(await input.getAttribute('type'), 'password', 'the password is asked in a password field');
  await input.fill(password);
  await input.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

test('first run: the Getting Started walkthrough opens by itself', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  await wb.step('walkthrough', async () => {
    const page = wb.page;
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get Started with Migration Guard').first().waitFor({ state: 'visible', timeout: 60_000 });
    await walkthrough.getByText('What Migration Guard does').first().waitFor({ state: 'visible' });
    await wb.screenshot('walkthrough-first-run');
    await runCommand(page, 'View: Close All Editors');
    await walkthrough.waitFor({ state: 'hidden' });
  });
});

test('Set Database URL updates the Database view and the status bar without Refresh; a wrong password reads "cannot connect"', async (t) => {
  const wb = await ready(t);
  if (!wb || !db) return;
  const { page } = wb;
  const dbUrl = db.url;
  const url = new URL(dbUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const withoutPassword = url.toString();
  await wb.step('database', async () => {
    await openViewContainer(page, 'Migration Guard');
    const pane = await viewPane(page, 'Database');
    await pane.getByText('No database configured.').waitFor({ state: 'visible', timeout: 60_000 });
    await statusItem(wb, 'no database').waitFor({ state: 'visible' });

    // A .env written (or removed) outside VS Code is picked up as it is: no Refresh.
    const dotenv = join(workspace, '.env');
    writeFileSync(dotenv, `DATABASE_URL=${dbUrl}\n`);
    await treeItem(pane, 'From .env (DATABASE_URL)').waitFor({ state: 'visible' });
    await treeItem(pane, `At ${BASE}`).waitFor({ state: 'visible' });
    await wb.screenshot('database-from-dotenv');
    rmSync(dotenv);
    await pane.getByText('No database configured.').waitFor({ state: 'visible' });

    await setDatabaseUrl(wb, withoutPassword, password);
    await treeItem(pane, `At ${BASE}`).waitFor({ state: 'visible' });
    await treeItem(pane, 'Connected').waitFor({ state: 'visible' });
    await treeItem(pane, /From the secret storage/).waitFor({ state: 'visible' });
    await treeItem(pane, 'PostgreSQL').waitFor({ state: 'visible' });
    await statusItem(wb, BASE).waitFor({ state: 'visible' });
    await wb.screenshot('database-connected');

    await setDatabaseUrl(wb, withoutPassword, 'not-the-password');
    const refused = treeItem(pane, 'Cannot connect');
    await refused.waitFor({ state: 'visible' });
    assert.match(await refused.innerText(), /password authentication failed/);
    assert.equal(await treeItem(pane, `At ${BASE}`).count(), 0, 'the old revision is not shown for a database that does not answer');
    await statusItem(wb, 'cannot connect').waitFor({ state: 'visible' });
    // Nor does the Migrations view keep an older reading: states are unknown while the database does not answer.
    const migrations = await viewPane(page, 'Migrations');
    await treeItem(migrations, /Database: cannot connect/).waitFor({ state: 'visible' });
    assert.equal(
      await migrations
        .locator('.monaco-list-row')
        .filter({ hasText: /· (current|applied|pending)/ })
        .count(),
      0,
      'no applied state is claimed',
    );
    await wb.screenshot('status-cannot-connect');

    await setDatabaseUrl(wb, withoutPassword, password);
    await treeItem(pane, `At ${BASE}`).waitFor({ state: 'visible' });
    await statusItem(wb, BASE).waitFor({ state: 'visible' });
  });
});

test('Upgrade to… from the palette: a quick pick of pending revisions with their state, then "Upgraded 1 revision"', async (t) => {
  const wb = await ready(t);
  if (!wb || !db) return;
  const { page } = wb;
  const dbUrl = db.url;
  await wb.step('upgrade-to', async () => {
    await runCommand(page, 'Migration Guard: Upgrade to…');
    const widget = quickInput(page);
    const middle = widget
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: MIDDLE.slice(0, 12) })
      .first();
    await middle.waitFor({ state: 'visible' });
    assert.match(await middle.innerText(), /pending/);
    assert.equal(await widget.locator('.quick-input-list .monaco-list-row').filter({ hasText: BASE }).count(), 0, 'the applied base is not offered');
    await wb.screenshot('upgrade-to-pick');
    await middle.click();
    await waitUntil(`the database at ${MIDDLE}`, async () => (await currentRevisions(dbUrl)).join() === MIDDLE, 60_000);
    const toast = await waitForNotification(page, /Upgraded 1 revision/);
    assert.doesNotMatch(await toast.innerText(), /revision\(s\)/);
    const migrations = await viewPane(page, 'Migrations');
    await treeItem(migrations, /comments/)
      .filter({ hasText: /current/ })
      .waitFor({ state: 'visible' });
    await wb.screenshot('upgrade-to-done');
  });
});

test('Downgrade to… offers only what is applied below the current revision, and says "Downgraded 1 revision"', async (t) => {
  const wb = await ready(t);
  if (!wb || !db) return;
  const { page } = wb;
  const dbUrl = db.url;
  await wb.step('downgrade-to', async () => {
    await runCommand(page, 'Migration Guard: Downgrade to…');
    const widget = quickInput(page);
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    const base = rows.filter({ hasText: BASE }).first();
    await base.waitFor({ state: 'visible' });
    assert.match(await base.innerText(), /applied/);
    assert.equal(await rows.filter({ hasText: MIDDLE }).count(), 0, 'the current revision is not offered');
    await base.click();
    // Going below the middle revision drops what it created: the guarded flow asks first.
    const dialog = await waitForModal(page, /destroys data/);
    await wb.screenshot('downgrade-to-confirm');
    await clickDialogButton(dialog, 'Downgrade and Drop Data');
    await waitUntil(`the database back at ${BASE}`, async () => (await currentRevisions(dbUrl)).join() === BASE, 60_000);
    await waitForNotification(page, /Downgraded 1 revision \(undid/);
  });
});

test('Show SQL opens a read-only preview, not an Untitled buffer', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('show-sql', async () => {
    await runCommand(page, 'Migration Guard: Show SQL');
    await pickQuickItem(page, /Pending revisions/);
    const tab = page.locator('.tabs-container .tab.active').filter({ hasText: /SQL of Pending revisions/ });
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    const editor = activeEditor(page);
    await editor
      .locator('.view-lines')
      .getByText(/CREATE\sTABLE/i)
      .first()
      .waitFor({ state: 'visible' });
    assert.doesNotMatch((await tab.getAttribute('aria-label')) ?? '', /Untitled/);
    // Typing changes nothing and leaves no unsaved marker. Both readings are taken at the top of the
    // document: the view renders only the visible lines, and a click may scroll it.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    const before = await editor.locator('.view-lines').innerText();
    await page.keyboard.type('typed by a user');
    await page
      .locator('.monaco-editor-overlaymessage, .monaco-editor .readonly-message')
      .first()
      .waitFor({ state: 'visible' })
      .catch(() => undefined);
    await page.keyboard.press('Control+Home');
    assert.equal(await editor.locator('.view-lines').innerText(), before, 'the preview is read-only');
    assert.equal(await page.locator('.tabs-container .tab.active.dirty').count(), 0, 'the preview is never dirty');
    await wb.screenshot('show-sql-read-only');
    await runCommand(page, 'View: Close All Editors');
    await tab.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'closing asks nothing');
  });
});
