// The three user flows in a real VS Code (code-server) with the extension installed from its .vsix,
// a temp copy of test-fixtures/classic and a real PostgreSQL database:
//   U1 inline warning on a model edit, U2 Create Migration from the palette, U3 apply / revert from the sidebar.
// The tests share one workbench and run in order: U2 migrates U1's edit, U3 applies U2's revision.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { missingOracle, needsPythonAndPostgres, postgresProblem, pythonOracleProblem } from '../server/test/support/oracles';
import { createTestDatabase, type TestDatabase } from '../server/test/support/pgdb';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { columnsOf, currentRevisions, execute, schemaShape } from './support/database';
import { activeEditor, deleteCurrentLine, goToLine, hoverSquiggle, lineOfSquiggle, saveActiveEditor, squiggles } from './support/editor';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { answerInputBox, openFile, runCommand } from './support/palette';
import {
  clickDialogButton,
  clickViewAction,
  clickViewMenu,
  hidePanel,
  openViewContainer,
  problemRow,
  treeItem,
  viewPane,
  waitForModal,
} from './support/panels';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { waitUntil } from './support/wait';
import { copyFixture, flaskDb, lineNumberOf, revisionFiles } from './support/workspace';

// The column U1 deletes: nullable, so U3's Downgrade One can add it back to a table that has rows.
// (Re-adding a NOT NULL column such as user.email to a non-empty table fails in PostgreSQL, with Alembic too.)
const TABLE = 'post';
const COLUMN = 'body';
const MESSAGE = `drop ${TABLE} ${COLUMN}`;
const SEEDED_ROWS = 3;

let db: TestDatabase | undefined;
let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace = '';
let headBefore: string[] = [];
let shapeBefore: string[] = [];
let newRevision: { id: string; file: string } | undefined;

/** Skips (or, in CI, fails) when the harness, the oracles or the build are missing. */
async function ready(t: TestContext): Promise<Workbench | undefined> {
  if (needsE2e(t) || (await needsPythonAndPostgres(t)) || missingOracle(t, extensionBuildProblem())) return undefined;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  return workbench;
}

before(async () => {
  // When something is missing, each test reports it (skip, or fail under CI=true).
  if (e2eProblem() !== null || pythonOracleProblem() !== null || (await postgresProblem()) !== null || extensionBuildProblem() !== null) return;
  const scratch = scratchDir('flows');
  const vsix = packageExtension(scratch);
  workspace = copyFixture('classic');
  db = await createTestDatabase('mg_e2e');
  // The database starts at the fixture's head, applied by the real Flask-Migrate, with rows in post.
  flaskDb(workspace, db.sqlalchemyUrl, ['upgrade']);
  headBefore = await currentRevisions(db.url);
  shapeBefore = await schemaShape(db.url);
  await execute(db.url, `insert into "user" (id, username, email) values (1, 'ada', 'ada@example.com')`);
  for (let i = 1; i <= SEEDED_ROWS; i += 1) {
    await execute(db.url, 'insert into post (title, body, author_id) values ($1, $2, 1)', [`post ${i}`, `body of post ${i}`]);
  }
  // One post without a body: the dialog must tell the rows (4) from the values lost (3), as check does.
  await execute(db.url, `insert into post (title, body, author_id) values ('post without a body', null, 1)`);
  const home = newHome('flows');
  installExtension(home, vsix);
  // DATABASE_URL from the environment is one of the sources the extension reads (as Flask users set it).
  server = await startCodeServer({ folder: workspace, home, env: { DATABASE_URL: db.url } });
  const started = server;
  // A failed flow prints what the extension logged: the screenshot shows what, the log says why.
  workbench = await openWorkbench(server.url, 'flows', () => started.logs(['Migration Guard']));
  // The extension is up once its activity bar entry shows.
  await workbench.page.locator('.part.activitybar .action-label[aria-label^="Migration Guard"]').waitFor({ state: 'visible', timeout: 60_000 });
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  await db?.drop();
  removeScratchDirs();
});

test('U1: deleting a column line in models.py raises DS103 at its class within 2 s, with hover and Problems', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('u1', async () => {
    const models = join(workspace, 'models.py');
    const classLine = lineNumberOf(models, /^class Post\b/);
    const columnLine = lineNumberOf(models, new RegExp(`^\\s+${COLUMN}\\s*=`));
    await openFile(page, 'models.py');
    await wb.screenshot('u1-models-open');
    assert.equal(await squiggles(page, 'warning').count(), 0, 'the fixture starts in sync: no warnings');
    await goToLine(page, columnLine);
    await deleteCurrentLine(page);
    const edited = Date.now();
    const squiggle = squiggles(page, 'warning').first();
    await squiggle.waitFor({ state: 'visible', timeout: 2_000 });
    console.log(`U1: squiggle ${Date.now() - edited} ms after the edit`);
    assert.equal(await lineOfSquiggle(page, squiggle), classLine, 'DS103 points at the class of the table that loses the column');
    const hover = await hoverSquiggle(page, squiggle, `${TABLE}.${COLUMN}`);
    assert.match(await hover.innerText(), /destroys data/);
    assert.match(await hover.innerText(), /DS103/);
    await wb.screenshot('u1-squiggle-hover');
    const row = await problemRow(page, 'DS103');
    assert.match(await row.innerText(), new RegExp(`${TABLE}\\.${COLUMN}`));
    // With a database, the warning counts what would be lost (the server counts it after the first publish).
    await row.filter({ hasText: `${SEEDED_ROWS} non-null values` }).waitFor({ state: 'visible' });
    await wb.screenshot('u1-problems-ds103');
    await hidePanel(page);
    // models.py stays unsaved: U2's Create Migration must save it first, so the revision matches the disk.
  });
});

test('U2: Create Migration from the palette writes and opens a revision that drops post.body', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('u2', async () => {
    const before = new Set(revisionFiles(workspace));
    await runCommand(page, 'Migration Guard: Create Migration');
    const unsaved = await waitForModal(page, /unsaved changes/);
    assert.match(unsaved.detail, /models\.py/);
    await clickDialogButton(unsaved, 'Save and Create Migration');
    const columnLines = (text: string) => (text.match(new RegExp(`^\\s+${COLUMN}\\s*=`, 'gm')) ?? []).length;
    const committed = columnLines(readFileSync(join(__dirname, '..', 'test-fixtures', 'classic', 'models.py'), 'utf8'));
    await waitUntil('models.py saved without the deleted column line', () => columnLines(readFileSync(join(workspace, 'models.py'), 'utf8')) === committed - 1);
    await answerInputBox(page, MESSAGE, /Revision message/);
    const file = await waitUntil('a new revision file in migrations/versions', () => revisionFiles(workspace).find((f) => !before.has(f)));
    await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ state: 'visible' });
    await activeEditor(page)
      .locator('.view-lines')
      .getByText(/drop_column/)
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('u2-revision-opened');
    // The extension creates the file through a workspace edit, so the editor owns it until it is saved.
    await saveActiveEditor(page);
    const path = join(workspace, 'migrations', 'versions', file);
    const text = await waitUntil('the saved revision file', () => readFileSync(path, 'utf8').includes('def upgrade') && readFileSync(path, 'utf8'));
    assert.match(text, new RegExp(MESSAGE));
    assert.match(text, new RegExp(`drop_column\\(\\s*(['"]${TABLE}['"],\\s*)?['"]${COLUMN}['"]`), `upgrade drops ${TABLE}.${COLUMN}`);
    assert.match(text, new RegExp(`add_column\\(\\s*(['"]${TABLE}['"],\\s*)?sa\\.Column\\(\\s*['"]${COLUMN}['"]`), 'downgrade adds it back');
    const id = /^revision\s*=\s*['"]([0-9a-zA-Z_]+)['"]/m.exec(text)?.[1];
    assert.ok(id, 'the file declares its revision id');
    assert.match(text, new RegExp(`^down_revision\\s*=\\s*['"]${headBefore[0]}['"]`, 'm'), 'it revises the old head');
    newRevision = { id, file };
  });
});

test('U3: the sidebar applies the pending revision after a modal with row counts, then Downgrade One restores the schema', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  if (!newRevision || !db) throw new Error('U3 needs the revision U2 creates');
  const { page } = wb;
  const url = db.url;
  const revision = newRevision;
  await wb.step('u3', async () => {
    await openViewContainer(page, 'Migration Guard');
    const pane = await viewPane(page, 'Migrations');
    const row = treeItem(pane, MESSAGE);
    await row.filter({ hasText: /pending/ }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-pending-revision');

    await clickViewAction(page, pane, 'Upgrade to Head');
    const dialog = await waitForModal(page, /destroys data/);
    assert.match(`${dialog.message}\n${dialog.detail}`, new RegExp(`${TABLE}\\.${COLUMN}`));
    // The counts are the rule's (DS103: the non-null values, as the diagnostic says), not the backup's size.
    assert.match(
      dialog.detail,
      new RegExp(`column ${TABLE}\\.${COLUMN} dropped in \\w+ \\(${SEEDED_ROWS + 1} rows, ${SEEDED_ROWS} non-null values\\) \\[DS103\\]`),
      'the dialog counts what check counts',
    );
    assert.match(dialog.message, new RegExp(`destroys data: ${SEEDED_ROWS} rows in 1 column`));
    await wb.screenshot('u3-confirm-row-counts');
    // The focused (Enter) button keeps the data; the destructive one must be clicked.
    await waitUntil('the dialog focuses "Keep Data (Cancel)"', async () =>
      (
        await page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '',
        )
      ).includes('Keep Data (Cancel)'),
    );
    await clickDialogButton(dialog, 'Upgrade and Drop Data');

    await waitUntil(
      `the database at the new revision without ${TABLE}.${COLUMN}`,
      async () => (await currentRevisions(url)).join() === revision.id && !(await columnsOf(url, TABLE)).includes(COLUMN),
    );
    await row.filter({ hasText: /current/ }).waitFor({ state: 'visible' });
    assert.equal(
      await pane
        .locator('.monaco-list-row')
        .filter({ hasText: /pending/ })
        .count(),
      0,
      'nothing is left pending',
    );
    await wb.screenshot('u3-applied');

    await clickViewMenu(page, pane, 'Downgrade One');
    await waitUntil(
      `the database back at the old head with ${TABLE}.${COLUMN}`,
      async () => (await currentRevisions(url)).join() === headBefore.join() && (await columnsOf(url, TABLE)).includes(COLUMN),
    );
    assert.deepEqual(await schemaShape(url), shapeBefore, 'every table and column is as before the upgrade');
    await row.filter({ hasText: /pending/ }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-downgraded');
  });
});
