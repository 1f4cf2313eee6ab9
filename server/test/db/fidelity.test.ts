// Fidelity against the real tools: our upgrade/downgrade produce exactly the schema real
// `flask db upgrade/downgrade` produce (constraint names included), and alembic_version stays
// compatible both ways — on the real PostgreSQL server and on PGlite (which real Flask-Migrate
// also reaches through pglite-socket).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { downgradeCommand } from '../../src/cli/commands/downgrade';
import { currentCommand } from '../../src/cli/commands/current';
import { introspectSchema } from '../../src/db/introspect';
import { missingOracle, pythonOracleProblem } from '../support/oracles';
import { runVerb } from './cliRun';
import { createFlaskProject, type FlaskProject } from './support/flaskProject';
import { LIBRARY, LIBRARY_HEAD } from './support/library';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const sqlalchemy = (url: string) => url.replace(/^postgresql:/, 'postgresql+psycopg2:');

for (const kind of TARGET_KINDS) {
  describe(`fidelity with real flask db on ${kind}`, () => {
    let target: Target | null = null;
    let project: FlaskProject | null = null;
    before(async () => {
      target = await openTarget(kind);
      if (pythonOracleProblem() === null) project = createFlaskProject(LIBRARY);
    });
    after(async () => {
      project?.remove();
      await target?.close();
    });

    async function ready(t: import('node:test').TestContext): Promise<{ db: Target; flask: FlaskProject } | undefined> {
      if (missingOracle(t, pythonOracleProblem())) return undefined;
      const db = await requireTarget(t, target);
      if (!db || !project) return undefined;
      await db.reset();
      return { db, flask: project };
    }

    const liveSchema = (db: Target) => withClient(db, (client) => introspectSchema(client));
    const ours = async (verb: 'upgrade' | 'downgrade', db: Target, dir: string, rev: string) => {
      const result = await runVerb(verb === 'upgrade' ? upgradeCommand : downgradeCommand, [dir, rev, '--database-url', db.url, '--executor', 'native']);
      assert.equal(result.code, 0, `our ${verb} ${rev} failed:\n${result.out}\n${result.err}`);
      return result;
    };
    const theirs = async (flask: FlaskProject, db: Target, args: string[]) => {
      const result = await flask.flaskDb(args, sqlalchemy(db.url));
      assert.equal(result.status, 0, `flask db ${args.join(' ')} failed:\n${result.stderr}`);
      return result.stdout.trim();
    };
    const ourCurrent = async (db: Target, dir: string) => (await runVerb(currentCommand, [dir, '--database-url', db.url])).out.trim();

    test('upgrade to head builds the schema flask db upgrade builds, and flask db current agrees (and vice versa)', async (t) => {
      const ctx = await ready(t);
      if (!ctx) return;
      const { db, flask } = ctx;
      await ours('upgrade', db, flask.dir, 'head');
      const ourSchema = await liveSchema(db);
      assert.equal(await theirs(flask, db, ['current']), `${LIBRARY_HEAD} (head)`);
      await db.reset();
      await theirs(flask, db, ['upgrade']);
      assert.deepEqual(ourSchema, await liveSchema(db));
      assert.equal(await ourCurrent(db, flask.dir), `${LIBRARY_HEAD} (head)`);
    });

    test('downgrades to an intermediate revision and to base match flask db downgrade; current agrees at each step', async (t) => {
      const ctx = await ready(t);
      if (!ctx) return;
      const { db, flask } = ctx;
      const middle = LIBRARY[1]!.revision;
      await ours('upgrade', db, flask.dir, 'head');
      await ours('downgrade', db, flask.dir, middle);
      const ourMiddle = await liveSchema(db);
      assert.equal(await theirs(flask, db, ['current']), middle);
      await ours('downgrade', db, flask.dir, 'base');
      const ourBase = await liveSchema(db);
      assert.equal(await theirs(flask, db, ['current']), '');

      await db.reset();
      await theirs(flask, db, ['upgrade']);
      await theirs(flask, db, ['downgrade', middle]);
      assert.deepEqual(ourMiddle, await liveSchema(db));
      assert.equal(await ourCurrent(db, flask.dir), middle);
      await theirs(flask, db, ['downgrade', 'base']);
      assert.deepEqual(ourBase, await liveSchema(db));
      assert.equal(await ourCurrent(db, flask.dir), '');
      // And ours continues from where the real tool left off.
      await ours('upgrade', db, flask.dir, middle);
      assert.equal(await theirs(flask, db, ['current']), middle);
    });

    test('a destructive upgrade backs up the dropped column first and the printed restore SQL brings the values back', async (t) => {
      const ctx = await ready(t);
      if (!ctx) return;
      const { db, flask } = ctx;
      const beforeDrop = LIBRARY[2]!.revision;
      await ours('upgrade', db, flask.dir, beforeDrop);
      await withClient(db, (c) =>
        c.query(
          `insert into author (name) values ('Ada'); insert into book (author_id, title, isbn, status) values (1, 'Notes', '978-1', 'draft'), (1, 'More', null, 'published')`,
        ),
      );
      const upgrade = await ours('upgrade', db, flask.dir, 'head');
      const restore = /^\s*(UPDATE "book" AS t SET "isbn" = b\."isbn" FROM migration_guard_backup\."[^"]+" AS b WHERE t\."id" = b\."id";)$/m.exec(
        `${upgrade.out}\n${upgrade.err}`,
      )?.[1];
      assert.ok(restore, `no restore hint printed:\n${upgrade.out}\n${upgrade.err}`);
      await ours('downgrade', db, flask.dir, beforeDrop);
      const rows = await withClient(db, async (c) => {
        await c.query(restore);
        return (await c.query('select title, isbn from book order by id')).rows;
      });
      assert.deepEqual(rows, [
        { title: 'Notes', isbn: '978-1' },
        { title: 'More', isbn: null },
      ]);
    });
  });
}
