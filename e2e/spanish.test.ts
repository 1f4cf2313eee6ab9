// U1 and U3 of flows.test.ts once more with VS Code's display language set to Spanish (`--locale es`
// plus a display-language extension, see installDisplayLanguage): the diagnostics, the hover, the
// Problems row, the history tree and the destructive modal are read in Spanish from the extension's
// own bundles (package.nls.es.json, l10n/bundle.l10n.es.json). VS Code's own words stay English (the
// suite has no Marketplace language pack). U2 (Create Migration, also in Spanish) makes U3's revision.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { missingOracle, needsPythonAndPostgres, postgresProblem, pythonOracleProblem } from '../server/test/support/oracles';
import { createTestDatabase, type TestDatabase } from '../server/test/support/pgdb';
import { openWorkbench, type Workbench } from './support/browser';
import { installDisplayLanguage, installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { columnsOf, currentRevisions, execute } from './support/database';
import { deleteCurrentLine, goToLine, hoverSquiggle, lineOfSquiggle, saveActiveEditor, squiggles } from './support/editor';
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

const TABLE = 'post';
const COLUMN = 'body';
const MESSAGE = `eliminar ${TABLE} ${COLUMN}`;
const SEEDED_ROWS = 3;
/** English the extension would show if a string escaped localization (VS Code's own words are not checked). */
const ENGLISH = /destroys data|What happens to the data|Safe recipe|non-null values|pending|Keep Data|Upgrade and Drop/;

let db: TestDatabase | undefined;
let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace = '';
let headBefore: string[] = [];
let newRevision: string | undefined;

async function ready(t: TestContext): Promise<Workbench | undefined> {
  if (needsE2e(t) || (await needsPythonAndPostgres(t)) || missingOracle(t, extensionBuildProblem())) return undefined;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  return workbench;
}

before(async () => {
  if (e2eProblem() !== null || pythonOracleProblem() !== null || (await postgresProblem()) !== null || extensionBuildProblem() !== null) return;
  const vsix = packageExtension(scratchDir('spanish'));
  workspace = copyFixture('classic');
  db = await createTestDatabase('mg_e2e_es');
  flaskDb(workspace, db.sqlalchemyUrl, ['upgrade']);
  headBefore = await currentRevisions(db.url);
  await execute(db.url, `insert into "user" (id, username, email) values (1, 'ada', 'ada@example.com')`);
  for (let i = 1; i <= SEEDED_ROWS; i += 1) {
    await execute(db.url, 'insert into post (title, body, author_id) values ($1, $2, 1)', [`post ${i}`, `cuerpo ${i}`]);
  }
  const home = newHome('spanish');
  installExtension(home, vsix);
  installDisplayLanguage(home, 'es', 'Español');
  server = await startCodeServer({ folder: workspace, home, locale: 'es', env: { DATABASE_URL: db.url } });
  const started = server;
  workbench = await openWorkbench(server.url, 'spanish', () => started.logs(['Migration Guard']));
  await workbench.page.locator('.part.activitybar .action-label[aria-label^="Migration Guard"]').waitFor({ state: 'visible', timeout: 60_000 });
  const language = await workbench.page.evaluate(() => (globalThis as unknown as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE);
  assert.equal(language, 'es', 'the workbench runs with Spanish as its display language');
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  await db?.drop();
  removeScratchDirs();
});

test('U1 en español: deleting post.body gives a Spanish DS103 squiggle, hover and Problems row', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('u1', async () => {
    const models = join(workspace, 'models.py');
    const classLine = lineNumberOf(models, /^class Post\b/);
    await openFile(page, 'models.py');
    assert.equal(await squiggles(page, 'warning').count(), 0, 'the fixture starts in sync: no warnings');
    await goToLine(page, lineNumberOf(models, new RegExp(`^\\s+${COLUMN}\\s*=`)));
    await deleteCurrentLine(page);
    const squiggle = squiggles(page, 'warning').first();
    await squiggle.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await lineOfSquiggle(page, squiggle), classLine);
    const hover = await hoverSquiggle(page, squiggle, `${TABLE}.${COLUMN}`, /Qué pasa con los datos:/);
    const text = await hover.innerText();
    assert.match(text, new RegExp(`Eliminar \\x60?${TABLE}\\.${COLUMN}\\x60? destruye datos`));
    assert.match(text, /DS103/);
    assert.match(text, /Qué pasa con los datos:/);
    assert.match(text, /Receta segura:/);
    assert.doesNotMatch(text, ENGLISH);
    await wb.screenshot('u1-hover-es');
    const row = await problemRow(page, 'DS103');
    await row.filter({ hasText: `${SEEDED_ROWS} valores no nulos en la base de datos de desarrollo` }).waitFor({ state: 'visible' });
    assert.doesNotMatch(await row.innerText(), ENGLISH);
    await wb.screenshot('u1-problems-es');
    await hidePanel(page);
  });
});

test('U2 en español: Crear migración saves models.py and writes the revision', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('u2', async () => {
    const before = new Set(revisionFiles(workspace));
    await runCommand(page, 'Migration Guard: Crear migración');
    const unsaved = await waitForModal(page, /models\.py tiene cambios sin guardar/);
    assert.match(unsaved.detail, /Sin guardar:/);
    await wb.screenshot('u2-unsaved-es');
    await clickDialogButton(unsaved, 'Guardar y crear la migración');
    await answerInputBox(page, MESSAGE, /Mensaje de la revisión/);
    const file = await waitUntil('a new revision file in migrations/versions', () => revisionFiles(workspace).find((f) => !before.has(f)));
    await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ state: 'visible' });
    await saveActiveEditor(page);
    const path = join(workspace, 'migrations', 'versions', file);
    const text = await waitUntil('the saved revision file', () => readFileSync(path, 'utf8').includes('def upgrade') && readFileSync(path, 'utf8'));
    assert.match(text, new RegExp(`drop_column\\(\\s*(['"]${TABLE}['"],\\s*)?['"]${COLUMN}['"]`));
    newRevision = /^revision\s*=\s*['"]([0-9a-zA-Z_]+)['"]/m.exec(text)?.[1];
    assert.ok(newRevision, 'the file declares its revision id');
  });
});

test('U3 en español: the history tree, the Spanish destructive modal with row counts, upgrade and downgrade', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  if (!newRevision || !db) throw new Error('U3 needs the revision U2 creates');
  const { page } = wb;
  const url = db.url;
  const revision = newRevision;
  await wb.step('u3', async () => {
    await openViewContainer(page, 'Migration Guard');
    const pane = await viewPane(page, 'Migraciones');
    const row = treeItem(pane, MESSAGE);
    await row.filter({ hasText: /pendiente/ }).waitFor({ state: 'visible' });
    assert.doesNotMatch(await pane.innerText(), ENGLISH);
    await wb.screenshot('u3-tree-es');

    await clickViewAction(page, pane, 'Actualizar hasta head');
    const dialog = await waitForModal(page, /destruye datos/);
    const said = `${dialog.message}\n${dialog.detail}`;
    assert.match(said, /^Actualizar hasta .* destruye datos/);
    assert.match(said, new RegExp(`${TABLE}\\.${COLUMN}`));
    assert.match(dialog.detail, new RegExp(`${SEEDED_ROWS} (filas|valores no nulos)`), 'the dialog counts the rows at risk, in Spanish');
    assert.doesNotMatch(said, ENGLISH);
    await dialog.box.locator('.dialog-buttons .monaco-button').filter({ hasText: 'Conservar los datos (Cancelar)' }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-modal-es');
    await clickDialogButton(dialog, 'Actualizar y eliminar los datos');

    await waitUntil(
      `the database at ${revision} without ${TABLE}.${COLUMN}`,
      async () => (await currentRevisions(url)).join() === revision && !(await columnsOf(url, TABLE)).includes(COLUMN),
    );
    await row.filter({ hasText: /actual/ }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-applied-es');

    await clickViewMenu(page, pane, 'Revertir una revisión');
    await waitUntil(
      `the database back at ${headBefore.join()} with ${TABLE}.${COLUMN}`,
      async () => (await currentRevisions(url)).join() === headBefore.join() && (await columnsOf(url, TABLE)).includes(COLUMN),
    );
    await row.filter({ hasText: /pendiente/ }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-downgraded-es');
  });
});

test('a refused run en español: the error names the reason in Spanish, built from the CLI JSON fields', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  if (!db) throw new Error('the database was not created');
  const { page } = wb;
  const url = db.url;
  // The database records a revision this project does not have (MG003): every upgrade is refused before it starts.
  await execute(url, `update alembic_version set version_num = 'feedbeef0000'`);
  try {
    await wb.step('refused', async () => {
      await openViewContainer(page, 'Migration Guard');
      const pane = await viewPane(page, 'Migraciones');
      await clickViewAction(page, pane, 'Actualizar hasta head');
      const toast = page
        .locator('.notifications-toasts .notification-toast')
        .filter({ hasText: /Rechazado antes de tocar la base de datos: MG003: La base de datos registra la revisión feedbeef0000/ })
        .first();
      await toast.waitFor({ state: 'visible' });
      const said = await toast.innerText();
      assert.doesNotMatch(said, /Refused|records revision|not in this project/, "the CLI's English summary is not what the user reads");
      await wb.screenshot('u3-refused-es');
    });
    assert.deepEqual(await currentRevisions(url), ['feedbeef0000'], 'nothing ran');
  } finally {
    await execute(url, `update alembic_version set version_num = $1`, [headBefore[0]]);
  }
});
