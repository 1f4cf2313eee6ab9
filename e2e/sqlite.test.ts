// The beginner's project in a real VS Code (code-server) with the extension from its .vsix: the Flask
// Mega-Tutorial layout (config.py: DATABASE_URL or sqlite:/// + os.path.join(basedir, 'app.db')), no
// database configured anywhere else, app.db made by the real `flask db upgrade`.
//   U1 a warning while typing in app/models.py, counted from app.db; U2 Create Migration writes a
//   batch-mode revision; U3 Upgrade to Head from the sidebar migrates app.db itself (checked with
//   Python's sqlite3, never PGlite), Downgrade One, then Restore from Backup puts the dropped column's
//   values back from the file copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../server/test/support/oracles';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { activeEditor, deleteCurrentLine, goToLine, hoverSquiggle, lineOfSquiggle, saveActiveEditor, squiggles } from './support/editor';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { answerInputBox, openFile, pickQuickItem, quickInput, runCommand } from './support/palette';
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
import { copyFixture, lineNumberOf, revisionFiles } from './support/workspace';

const TABLE = 'user';
const COLUMN = 'about_me';
const MESSAGE = `drop ${TABLE} ${COLUMN}`;
const ABOUT = ['hi, I am ada', "it's bob", 'cy here'];

let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace = '';
let appDb = '';
let headBefore: string[] = [];
let newRevision: { id: string; file: string } | undefined;

/** Python's sqlite3 (the app's own library) reading app.db: a query's rows as JSON. */
function sqlite<T = unknown[][]>(sql: string): T {
  const run = spawnSync(
    SYSTEM_PYTHON,
    ['-c', 'import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchall()))', appDb, sql],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as T;
}
const versions = () => sqlite<string[][]>('select version_num from alembic_version').map((r) => r[0] as string);
const columns = () => sqlite<unknown[][]>(`pragma table_info("${TABLE}")`).map((r) => r[1] as string);
const abouts = () => sqlite<unknown[][]>(`select ${COLUMN} from "${TABLE}" order by id`).map((r) => r[0]);

/** The real Flask-Migrate on the workspace, with no DATABASE_URL: config.py's own SQLite default. */
function flaskDb(args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, FLASK_APP: 'microblog.py', PYTHONDONTWRITEBYTECODE: '1' };
  delete env.DATABASE_URL;
  delete env.SQLALCHEMY_DATABASE_URI;
  const run = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`flask db ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

async function ready(t: TestContext): Promise<Workbench | undefined> {
  if (needsE2e(t) || missingOracle(t, pythonOracleProblem()) || missingOracle(t, extensionBuildProblem())) return undefined;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  return workbench;
}

before(async () => {
  if (e2eProblem() !== null || pythonOracleProblem() !== null || extensionBuildProblem() !== null) return;
  const scratch = scratchDir('sqlite');
  const vsix = packageExtension(scratch);
  workspace = copyFixture('sqlite-blog');
  appDb = join(workspace, 'app.db');
  flaskDb(['upgrade']);
  headBefore = versions();
  const insert = spawnSync(
    SYSTEM_PYTHON,
    [
      '-c',
      "import sqlite3,sys,json\nc=sqlite3.connect(sys.argv[1])\nfor i,a in enumerate(json.loads(sys.argv[2])): c.execute('insert into user (username, email, about_me) values (?, ?, ?)', ('u%d' % i, 'u%d@example.com' % i, a))\nc.commit()",
      appDb,
      JSON.stringify(ABOUT),
    ],
    { encoding: 'utf8' },
  );
  if (insert.status !== 0) throw new Error(insert.stderr);
  const home = newHome('sqlite');
  installExtension(home, vsix);
  // Nothing but config.py names the database: no DATABASE_URL, no setting.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL' && k !== 'SQLALCHEMY_DATABASE_URI') env[k] = v;
  delete process.env.DATABASE_URL;
  server = await startCodeServer({ folder: workspace, home, env, settings: { 'migrationGuard.pythonPath': SYSTEM_PYTHON } });
  const started = server;
  workbench = await openWorkbench(server.url, 'sqlite', () => started.logs(['Migration Guard']));
  await workbench.page.locator('.part.activitybar .action-label[aria-label^="Migration Guard"]').waitFor({ state: 'visible', timeout: 60_000 });
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  removeScratchDirs();
});

test('U1 on SQLite: deleting a column line in app/models.py warns while typing, with the rows counted from app.db', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('u1', async () => {
    const models = join(workspace, 'app', 'models.py');
    const classLine = lineNumberOf(models, /^class User\b/);
    const columnLine = lineNumberOf(models, new RegExp(`^\\s+${COLUMN}\\s*=`));
    await openFile(page, 'app/models.py');
    assert.equal(await squiggles(page, 'warning').count(), 0, 'the project starts in sync');
    await goToLine(page, columnLine);
    await deleteCurrentLine(page);
    const squiggle = squiggles(page, 'warning').first();
    await squiggle.waitFor({ state: 'visible', timeout: 2_000 });
    assert.equal(await lineOfSquiggle(page, squiggle), classLine);
    // Waits for the server's explanation too, so the no-lock-talk check reads the whole hover.
    const hover = await hoverSquiggle(page, squiggle, `${TABLE}.${COLUMN}`, /What happens to the data:/);
    const text = await hover.innerText();
    assert.match(text, /DS103/);
    assert.doesNotMatch(text, /ACCESS EXCLUSIVE/, 'no PostgreSQL lock talk on a SQLite project');
    await wb.screenshot('u1-sqlite-squiggle-hover');
    const row = await problemRow(page, 'DS103');
    await row.filter({ hasText: `${ABOUT.length} non-null values` }).waitFor({ state: 'visible' });
    await wb.screenshot('u1-sqlite-problems');
    await hidePanel(page);
  });
});

test('U2 on SQLite: Create Migration writes a batch-mode revision, as flask db migrate would', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  const { page } = wb;
  await wb.step('u2', async () => {
    const before = new Set(revisionFiles(workspace));
    await runCommand(page, 'Migration Guard: Create Migration');
    const unsaved = await waitForModal(page, /unsaved changes/);
    await clickDialogButton(unsaved, 'Save and Create Migration');
    await answerInputBox(page, MESSAGE, /Revision message/);
    const file = await waitUntil('a new revision file', () => revisionFiles(workspace).find((f) => !before.has(f)));
    await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ state: 'visible' });
    await activeEditor(page)
      .locator('.view-lines')
      .getByText(/batch_alter_table/)
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('u2-sqlite-batch-revision');
    await saveActiveEditor(page);
    const path = join(workspace, 'migrations', 'versions', file);
    const text = await waitUntil('the saved revision', () => readFileSync(path, 'utf8').includes('def upgrade') && readFileSync(path, 'utf8'));
    assert.match(text, new RegExp(`with op\\.batch_alter_table\\('${TABLE}', schema=None\\) as batch_op:\\n\\s+batch_op\\.drop_column\\('${COLUMN}'\\)`));
    assert.match(text, new RegExp(`batch_op\\.add_column\\(sa\\.Column\\('${COLUMN}'`), 'the downgrade adds it back in a batch block');
    assert.doesNotMatch(text, /postgresql|CREATE TYPE|ALTER SEQUENCE/);
    const id = /^revision\s*=\s*['"]([0-9a-zA-Z_]+)['"]/m.exec(text)?.[1];
    assert.ok(id);
    newRevision = { id, file };
  });
});

test('U3 on SQLite: Upgrade to Head from the sidebar migrates app.db itself (never PGlite), Downgrade One, then Restore from Backup puts the values back', async (t) => {
  const wb = await ready(t);
  if (!wb) return;
  if (!newRevision) throw new Error('U3 needs the revision U2 creates');
  const { page } = wb;
  const revision = newRevision;
  await wb.step('u3', async () => {
    await openViewContainer(page, 'Migration Guard');
    const pane = await viewPane(page, 'Migrations');
    const row = treeItem(pane, MESSAGE);
    await row.filter({ hasText: /pending/ }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-sqlite-pending');

    await clickViewAction(page, pane, 'Upgrade to Head');
    const dialog = await waitForModal(page, /destroys data/);
    assert.match(`${dialog.message}\n${dialog.detail}`, new RegExp(`${TABLE}\\.${COLUMN}`));
    assert.match(dialog.detail, /app\.db/, 'the dialog names the SQLite file it migrates');
    assert.doesNotMatch(`${dialog.message}\n${dialog.detail}`, /PGlite|embedded|migration_guard_backup/);
    assert.match(dialog.detail, /3 rows, 3 non-null values/, 'the rows at risk are counted in app.db');
    assert.match(dialog.detail, /The database file is copied next to itself first/);
    await wb.screenshot('u3-sqlite-confirm');
    await clickDialogButton(dialog, 'Upgrade and Drop Data');
    await waitUntil(`app.db at ${revision.id} without ${TABLE}.${COLUMN}`, () => versions().join() === revision.id && !columns().includes(COLUMN));
    await row.filter({ hasText: /current/ }).waitFor({ state: 'visible' });
    assert.equal(sqlite<string[][]>('pragma integrity_check')[0]?.[0], 'ok');
    const copies = readdirSync(workspace).filter((f) => f.startsWith(`app.db.migration-guard-${revision.id}-`) && f.endsWith('.bak'));
    assert.equal(copies.length, 1, 'the file was copied before the column was dropped');
    assert.equal(existsSync(join(workspace, '.migration-guard', 'pglite')), false, 'no embedded PostgreSQL was started');
    await wb.screenshot('u3-sqlite-applied');

    await clickViewMenu(page, pane, 'Downgrade One');
    await waitUntil(`app.db back at ${headBefore.join()} with ${TABLE}.${COLUMN}`, () => versions().join() === headBefore.join() && columns().includes(COLUMN));
    assert.deepEqual(abouts(), [null, null, null], 'the downgrade adds the column back, empty');
    await row.filter({ hasText: /pending/ }).waitFor({ state: 'visible' });
    await wb.screenshot('u3-sqlite-downgraded');

    await runCommand(page, 'Migration Guard: Restore from Backup');
    await quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: 'The whole file' }).first().waitFor({ state: 'visible' });
    await page.mouse.move(700, 600); // no tab hover over the picker in the screenshot
    await wb.screenshot('u3-sqlite-restore-picker');
    await pickQuickItem(page, `Values of ${TABLE}.${COLUMN}`);
    const confirm = await waitForModal(page, new RegExp(`Put back the values of ${TABLE}\\.${COLUMN}`));
    assert.match(confirm.detail, /app\.db/);
    await clickDialogButton(confirm, 'Restore');
    await waitUntil('the about_me values back in app.db', () => JSON.stringify(abouts()) === JSON.stringify(ABOUT));
    assert.deepEqual(versions(), headBefore, 'restoring a column leaves alembic_version alone');
    await page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: new RegExp(`Restored ${TABLE}\\.${COLUMN} in ${ABOUT.length} rows`) })
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('u3-sqlite-restored');
  });
});
