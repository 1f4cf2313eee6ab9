// Merge Heads and Restore from Backup in a real VS Code (code-server) with the extension from its .vsix,
// a temp copy of test-fixtures/classic with two branches on its head, and a real PostgreSQL database.
// Restore: one branch dropped post.body (our upgrade backed it up) and was downgraded, so the column is
// back empty; the command must put every value back. Merge: the command must write the revision
// real `flask db heads` then reports as the only head, with both branch heads as its down_revision.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { missingOracle, needsPythonAndPostgres, postgresProblem, pythonOracleProblem } from '../server/test/support/oracles';
import { createTestDatabase, type TestDatabase } from '../server/test/support/pgdb';
import { openWorkbench, type Workbench } from './support/browser';
import { installExtension, newHome, startCodeServer, type CodeServer } from './support/codeServer';
import { execute } from './support/database';
import { extensionBuildProblem, packageExtension } from './support/extension';
import { answerInputBox, pickQuickItem, runCommand } from './support/palette';
import { clickDialogButton, waitForModal } from './support/panels';
import { PROJECT_ROOT } from './support/paths';
import { e2eProblem, needsE2e } from './support/prereqs';
import { removeScratchDirs, scratchDir } from './support/scratch';
import { waitUntil } from './support/wait';
import { copyFixture, flaskDb, revisionFiles } from './support/workspace';

const FIXTURE_HEAD = '3f8a897020d0';
const DROP_BODY = 'a1a1a1a1a1a1';
const INDEX_TITLE = 'b2b2b2b2b2b2';
const BODIES = ['first body', "it's the second", 'third\nwith a newline'];

let db: TestDatabase | undefined;
let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace = '';

function branch(id: string, message: string, upgrade: string, downgrade: string): string {
  return [
    `"""${message}`,
    '',
    `Revision ID: ${id}`,
    `Revises: ${FIXTURE_HEAD}`,
    '',
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    '',
    `revision = '${id}'`,
    `down_revision = '${FIXTURE_HEAD}'`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade():',
    `    ${upgrade}`,
    '',
    '',
    'def downgrade():',
    `    ${downgrade}`,
    '',
  ].join('\n');
}

/** Our CLI, as a user runs it from a terminal. */
function cli(args: string[]): string {
  const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`migration-guard ${args.join(' ')} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

async function bodies(url: string): Promise<(string | null)[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ body: string | null }>('select body from post order by id')).rows.map((r) => r.body);
  } finally {
    await client.end();
  }
}

async function ready(t: TestContext): Promise<Workbench | undefined> {
  if (needsE2e(t) || (await needsPythonAndPostgres(t)) || missingOracle(t, extensionBuildProblem())) return undefined;
  if (!workbench) throw new Error('the workbench did not start (see the before hook)');
  return workbench;
}

before(async () => {
  if (e2eProblem() !== null || pythonOracleProblem() !== null || (await postgresProblem()) !== null || extensionBuildProblem() !== null) return;
  const scratch = scratchDir('merge-restore');
  const vsix = packageExtension(scratch);
  workspace = copyFixture('classic');
  db = await createTestDatabase('mg_e2e_mr');
  flaskDb(workspace, db.sqlalchemyUrl, ['upgrade']);
  await execute(db.url, `insert into "user" (id, username, email) values (1, 'ada', 'ada@example.com')`);
  for (const [i, body] of BODIES.entries()) await execute(db.url, 'insert into post (title, body, author_id) values ($1, $2, 1)', [`post ${i + 1}`, body]);
  const versions = join(workspace, 'migrations', 'versions');
  writeFileSync(
    join(versions, `${DROP_BODY}_drop_post_body.py`),
    branch(DROP_BODY, 'drop post body', "op.drop_column('post', 'body')", "op.add_column('post', sa.Column('body', sa.Text(), nullable=True))"),
  );
  writeFileSync(
    join(versions, `${INDEX_TITLE}_index_post_title.py`),
    branch(
      INDEX_TITLE,
      'index post title',
      "op.create_index('ix_post_title', 'post', ['title'], unique=False)",
      "op.drop_index('ix_post_title', table_name='post')",
    ),
  );
  // The branch that drops post.body runs (backed up) and is taken back. Our downgrade fills the column
  // from that backup itself (db/downgradeRestore.ts); empty it, as a downgrade by real flask db leaves it.
  cli(['upgrade', workspace, DROP_BODY, '--database-url', db.url]);
  cli(['downgrade', workspace, FIXTURE_HEAD, '--database-url', db.url]);
  assert.deepEqual(await bodies(db.url), BODIES, 'our downgrade put post.body back from its backup');
  await execute(db.url, 'update post set body = null');
  const home = newHome('merge-restore');
  installExtension(home, vsix);
  server = await startCodeServer({ folder: workspace, home, env: { DATABASE_URL: db.url } });
  const started = server;
  workbench = await openWorkbench(server.url, 'merge-restore', () => started.logs(['Migration Guard']));
  await workbench.page.locator('.part.activitybar .action-label[aria-label^="Migration Guard"]').waitFor({ state: 'visible', timeout: 60_000 });
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  await db?.drop();
  removeScratchDirs();
});

test('Restore from Backup puts the dropped post.body values back into the database', async (t) => {
  const wb = await ready(t);
  if (!wb || !db) return;
  const { page } = wb;
  const url = db.url;
  await wb.step('restore', async () => {
    await runCommand(page, 'Migration Guard: Restore from Backup');
    await pickQuickItem(page, 'post(body)');
    const dialog = await waitForModal(page, /Restore post\(body\)/);
    assert.match(dialog.detail, /written back into "post"/);
    await wb.screenshot('restore-confirm');
    await waitUntil('the dialog focuses "Keep Data (Cancel)"', async () =>
      (
        await page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '',
        )
      ).includes('Keep Data (Cancel)'),
    );
    await clickDialogButton(dialog, 'Restore');
    await waitUntil('every post.body value back in the database', async () => JSON.stringify(await bodies(url)) === JSON.stringify(BODIES));
    await page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: /Restored 3 rows of post\(body\)/ })
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('restore-done');
  });
});

test('Merge Heads writes the merge revision of both branches, and real flask db heads shows it as the only head', async (t) => {
  const wb = await ready(t);
  if (!wb || !db) return;
  const { page } = wb;
  await wb.step('merge', async () => {
    const before = new Set(revisionFiles(workspace));
    await runCommand(page, 'Migration Guard: Merge Heads');
    await answerInputBox(page, 'merge branches', /Message of the merge revision/);
    const file = await waitUntil('a new revision file in migrations/versions', () => revisionFiles(workspace).find((f) => !before.has(f)));
    await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ state: 'visible' });
    await wb.screenshot('merge-opened');
    const text = readFileSync(join(workspace, 'migrations', 'versions', file), 'utf8');
    const id = /^revision\s*=\s*'([0-9a-f]+)'/m.exec(text)?.[1];
    assert.ok(id, `the file declares its revision id:\n${text}`);
    const down = /^down_revision\s*=\s*\(([^)]*)\)/m.exec(text)?.[1] ?? '';
    assert.deepEqual(
      [...down.matchAll(/'([0-9a-f]+)'/g)].map((m) => m[1]).sort(),
      [DROP_BODY, INDEX_TITLE].sort(),
      `down_revision is the tuple of both heads:\n${text}`,
    );
    assert.match(text, /"""merge branches/);
    const heads = flaskDb(workspace, db?.sqlalchemyUrl ?? '', ['heads']);
    assert.deepEqual(
      [...heads.matchAll(/^([0-9a-f]{12}) \(head\)/gm)].map((m) => m[1]),
      [id],
      `flask db heads:\n${heads}`,
    );
  });
});
