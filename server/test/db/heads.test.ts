// Several heads and unknown revisions. Before, "Upgrade to Head" ran both branches with no question
// asked, and a database at a revision the project does not have was not flagged. Now `upgrade` with
// several heads refuses unless the target is explicit, `merge` writes the merge revision real
// Flask-Migrate accepts, and a recorded revision the project does not know is MG003 in `current`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { currentCommand } from '../../src/cli/commands/current';
import { headsCommand } from '../../src/cli/commands/heads';
import { mergeCommand } from '../../src/cli/commands/merge';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { readAlembicVersion } from '../../src/db/alembicVersion';
import { missingOracle, pythonOracleProblem } from '../support/oracles';
import { runVerb } from './cliRun';
import { fullDump } from './dump';
import { createFlaskProject, type FlaskProject, type RevisionSource } from './support/flaskProject';
import { LIBRARY, LIBRARY_HEAD } from './support/library';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const BRANCH_A: RevisionSource = {
  revision: '6a0a2b3c4d01',
  down: LIBRARY_HEAD,
  message: 'drop author email',
  upgrade: `op.drop_column('author', 'email')`,
  downgrade: `op.add_column('author', sa.Column('email', sa.String(length=120), nullable=True))`,
};
const BRANCH_B: RevisionSource = {
  revision: '6b0a2b3c4d02',
  down: LIBRARY_HEAD,
  message: 'add book isbn',
  upgrade: `op.add_column('book', sa.Column('isbn', sa.String(length=13), nullable=True))`,
  downgrade: `op.drop_column('book', 'isbn')`,
};

const sqlalchemy = (url: string) => url.replace(/^postgresql:/, 'postgresql+psycopg2:');

let project: FlaskProject | null = null;
before(() => {
  if (pythonOracleProblem() !== null) return;
  project = createFlaskProject([...LIBRARY, BRANCH_A, BRANCH_B]);
});
after(() => project?.remove());

function mergeFiles(dir: string): string[] {
  const versions = join(dir, 'migrations', 'versions');
  return readdirSync(versions).filter((f) => f.endsWith('.py') && readFileSync(join(versions, f), 'utf8').includes("down_revision = ('"));
}

for (const kind of TARGET_KINDS) {
  describe(`several heads and unknown revisions on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('upgrade refuses "head" with two heads, touching nothing; "heads" is explicit and runs both', async (t) => {
      if (missingOracle(t, pythonOracleProblem()) || !project) return;
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      assert.equal((await runVerb(upgradeCommand, [project.dir, LIBRARY_HEAD, '--database-url', db.url])).code, 0);
      const before = await withClient(db, (c) => fullDump(c));
      // Real Alembic refuses too.
      const real = await project.flaskDb(['upgrade'], sqlalchemy(db.url));
      assert.notEqual(real.status, 0);
      assert.match(real.stderr, /Multiple head revisions/);
      for (const args of [[project.dir], [project.dir, 'head'], [project.dir, '--dry-run']]) {
        const refused = await runVerb(upgradeCommand, [...args, '--database-url', db.url]);
        assert.equal(refused.code, 2, refused.out + refused.err);
        assert.match(refused.out + refused.err, /several heads \(6a0a2b3c4d01, 6b0a2b3c4d02\)/);
      }
      assert.equal(await withClient(db, (c) => fullDump(c)), before, 'nothing was touched');
      const both = await runVerb(upgradeCommand, [project.dir, 'heads', '--database-url', db.url]);
      assert.equal(both.code, 0, both.out + both.err);
      assert.deepEqual((await withClient(db, (c) => readAlembicVersion(c)))?.sort(), [BRANCH_A.revision, BRANCH_B.revision]);
    });

    test('merge writes the revision flask db merge would; real Flask-Migrate then has one head and upgrades through it', async (t) => {
      if (missingOracle(t, pythonOracleProblem()) || !project) return;
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const merged = await runVerb(mergeCommand, [project.dir, '--format', 'json']);
      assert.equal(merged.code, 0, merged.err);
      const written = JSON.parse(merged.out) as { path: string; revision: string; downRevisions: string[] };
      try {
        assert.deepEqual(written.downRevisions, [BRANCH_A.revision, BRANCH_B.revision]);
        assert.match(written.path, new RegExp(`${written.revision}_\\.py$`), 'no slug without a message, as flask db merge');
        const text = readFileSync(written.path, 'utf8');
        assert.match(text, /^"""empty message\n\nRevision ID: [0-9a-f]{12}\nRevises: 6a0a2b3c4d01, 6b0a2b3c4d02\n/);
        assert.match(text, /down_revision = \('6a0a2b3c4d01', '6b0a2b3c4d02'\)/);
        assert.match(text, /def upgrade\(\):\n {4}pass\n/);
        const ours = await runVerb(headsCommand, [project.dir]);
        assert.equal(ours.out.trim(), `${written.revision} (head)`);
        const realHeads = await project.flaskDb(['heads'], sqlalchemy(db.url));
        assert.equal(realHeads.status, 0, realHeads.stderr);
        assert.equal(realHeads.stdout.trim(), `${written.revision} (head)`);
        const upgraded = await runVerb(upgradeCommand, [project.dir, '--database-url', db.url]);
        assert.equal(upgraded.code, 0, upgraded.out + upgraded.err);
        assert.deepEqual(await withClient(db, (c) => readAlembicVersion(c)), [written.revision]);
        const again = await runVerb(mergeCommand, [project.dir]);
        assert.equal(again.code, 2, 'one head: nothing to merge');
        assert.match(again.err, /nothing to merge/);
      } finally {
        rmSync(written.path, { force: true });
      }
      assert.deepEqual(mergeFiles(project.dir), []);
    });

    test('a database at a revision the project does not know: MG003 in current, and upgrade refuses', async (t) => {
      if (missingOracle(t, pythonOracleProblem()) || !project) return;
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      assert.equal((await runVerb(upgradeCommand, [project.dir, LIBRARY_HEAD, '--database-url', db.url])).code, 0);
      await withClient(db, (c) => c.query(`update alembic_version set version_num = 'feedfacecafe'`));
      const current = await runVerb(currentCommand, [project.dir, '--database-url', db.url]);
      assert.equal(current.code, 2);
      assert.match(current.out, /^feedfacecafe \(unknown to this project\)$/m);
      assert.match(current.err, /error MG003: The database records revision feedfacecafe, which is not in this project's migrations/);
      const json = await runVerb(currentCommand, [project.dir, '--database-url', db.url, '--format', 'json']);
      const parsed = JSON.parse(json.out) as { heads: { revision: string; known: boolean }[]; findings: { code: string }[] };
      assert.deepEqual(parsed.heads, [{ revision: 'feedfacecafe', head: false, known: false }]);
      assert.deepEqual(
        parsed.findings.map((f) => f.code),
        ['MG003'],
      );
      const before = await withClient(db, (c) => fullDump(c));
      const refused = await runVerb(upgradeCommand, [project.dir, 'heads', '--database-url', db.url]);
      assert.equal(refused.code, 2);
      assert.match(refused.out + refused.err, /MG003/);
      assert.equal(await withClient(db, (c) => fullDump(c)), before);
    });
  });
}
