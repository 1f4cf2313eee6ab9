// The safety verbs end to end through the CLI: round trip, drift, dry run, --sql, stamp, and
// revisions holding Python the engine can't translate (refused natively, handed to real flask db).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { currentCommand } from '../../src/cli/commands/current';
import { driftCommand } from '../../src/cli/commands/drift';
import { roundtripCommand } from '../../src/cli/commands/roundtrip';
import { stampCommand } from '../../src/cli/commands/stamp';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAlembicVersion } from '../../src/db/alembicVersion';
import { createTestDatabase } from '../support/pgdb';
import { missingOracle, postgresProblem, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';
import { runVerb } from './cliRun';
import { fullDump } from './dump';
import { createFlaskProject, type FlaskProject, type RevisionSource } from './support/flaskProject';
import { LIBRARY, LIBRARY_HEAD } from './support/library';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const PYTHON_DATA_MIGRATION: RevisionSource = {
  revision: '5f0a2b3c4d05',
  down: LIBRARY_HEAD,
  message: 'backfill slugs',
  upgrade: `
op.add_column('author', sa.Column('slug', sa.String(length=60), nullable=True))
conn = op.get_bind()
for row in conn.execute(sa.text("SELECT id, name FROM author")):
    conn.execute(sa.text("UPDATE author SET slug = :s WHERE id = :i"), {"s": row.name.lower(), "i": row.id})`,
  downgrade: `op.drop_column('author', 'slug')`,
};

const FORGETFUL_DOWNGRADE: RevisionSource = {
  revision: '5f0a2b3c4d06',
  down: LIBRARY_HEAD,
  message: 'add rating',
  upgrade: `op.add_column('book', sa.Column('rating', sa.Integer(), nullable=True))`,
  downgrade: `pass`,
};

/** Its third statement fails on real data: two authors get the same nick, then a unique constraint. */
const THIRD_STATEMENT_FAILS: RevisionSource = {
  revision: '5f0a2b3c4d07',
  down: LIBRARY_HEAD,
  message: 'unique nicks',
  upgrade: `
op.add_column('author', sa.Column('nick', sa.String(length=20), nullable=True))
op.execute("UPDATE author SET nick = 'same'")
op.create_unique_constraint('uq_author_nick', 'author', ['nick'])
op.create_index('ix_author_name', 'author', ['name'], unique=False)`,
  downgrade: `
op.drop_index('ix_author_name', table_name='author')
op.drop_constraint('uq_author_nick', 'author', type_='unique')
op.drop_column('author', 'nick')`,
};

const CONCURRENT_INDEX: RevisionSource = {
  revision: '5f0a2b3c4d08',
  down: LIBRARY_HEAD,
  message: 'index titles concurrently',
  upgrade: `
with op.get_context().autocommit_block():
    op.create_index('ix_book_title', 'book', ['title'], unique=False, postgresql_concurrently=True)`,
  downgrade: `op.drop_index('ix_book_title', table_name='book')`,
};

let library: FlaskProject | null = null;
let concurrent: FlaskProject | null = null;
let faulty: FlaskProject | null = null;
let withPython: FlaskProject | null = null;
let forgetful: FlaskProject | null = null;
before(() => {
  if (pythonOracleProblem() !== null) return;
  library = createFlaskProject(LIBRARY);
  withPython = createFlaskProject([...LIBRARY, PYTHON_DATA_MIGRATION]);
  forgetful = createFlaskProject([...LIBRARY, FORGETFUL_DOWNGRADE]);
  faulty = createFlaskProject([...LIBRARY, THIRD_STATEMENT_FAILS]);
  concurrent = createFlaskProject([...LIBRARY, CONCURRENT_INDEX]);
});
after(() => [library, withPython, forgetful, faulty, concurrent].forEach((p) => p?.remove()));

describe('round trip on a scratch PGlite', () => {
  test('passes on a sound history and reports every step', async (t) => {
    if (missingOracle(t, pythonOracleProblem()) || !library) return;
    const result = await runVerb(roundtripCommand, [library.dir, '--steps', '2', '--format', 'json']);
    assert.equal(result.code, 0, result.out + result.err);
    const report = JSON.parse(result.out) as { ok: boolean; summary: string; steps: { revision: string; direction: string; ok: boolean }[] };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.steps.map((s) => `${s.direction}:${s.revision.slice(0, 2)}`),
      ['up:1f', 'up:2f', 'up:3f', 'up:4f', 'down:4f', 'down:3f', 'up:3f', 'up:4f'],
    );
    assert.match(report.summary, /Round trip passed/);
  });

  test('catches a downgrade that does not undo its upgrade, naming the revision and the difference', async (t) => {
    if (missingOracle(t, pythonOracleProblem()) || !forgetful) return;
    const result = await runVerb(roundtripCommand, [forgetful.dir, '--steps', '1']);
    assert.equal(result.code, 2);
    assert.match(
      result.out,
      /Round trip failed at downgrade of 5f0a2b3c4d06: schema differs from the replay at 4f0a2b3c4d04: column "book\.rating" is in the database but the migrations at 4f0a2b3c4d04 do not create it/,
    );
  });
});

for (const kind of TARGET_KINDS) {
  describe(`safety verbs on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    async function ready(t: import('node:test').TestContext): Promise<Target | undefined> {
      if (missingOracle(t, pythonOracleProblem())) return undefined;
      const db = await requireTarget(t, target);
      if (!db) return undefined;
      await db.reset();
      return db;
    }

    test('drift: a clean database has none; hand-made changes are reported as MG002 findings', async (t) => {
      const db = await ready(t);
      if (!db || !library) return;
      assert.equal((await runVerb(upgradeCommand, [library.dir, '--database-url', db.url])).code, 0);
      const clean = await runVerb(driftCommand, [library.dir, '--database-url', db.url]);
      assert.equal(clean.code, 0, clean.out);
      assert.match(clean.out, /No drift/);
      await withClient(db, (c) =>
        c.query('ALTER TABLE author ADD COLUMN nickname text; DROP INDEX ix_author_email; ALTER TABLE book ALTER COLUMN title DROP NOT NULL'),
      );
      const drifted = await runVerb(driftCommand, [library.dir, '--database-url', db.url, '--format', 'json']);
      assert.equal(drifted.code, 1);
      const findings = JSON.parse(drifted.out) as { code: string; message: string; file: string; table: string }[];
      assert.deepEqual(
        findings.map((f) => f.code),
        ['MG002', 'MG002', 'MG002'],
      );
      const messages = findings.map((f) => f.message).sort();
      assert.deepEqual(messages, [
        'Database drift: column "author.nickname" is in the database but the migrations at 4f0a2b3c4d04 do not create it.',
        'Database drift: column "book.title" differs: nullable in the database but NOT NULL in the migrations.',
        'Database drift: index "ix_author_email" on "author" is missing from the database.',
      ]);
      assert.match(findings[0]!.file, /^migrations\/versions\/4f0a2b3c4d04_drop_isbn\.py$/);
    });

    test('fault injection through a revision file: its third statement fails, and a full dump is unchanged', async (t) => {
      const db = await ready(t);
      if (!db || !faulty) return;
      assert.equal((await runVerb(upgradeCommand, [faulty.dir, LIBRARY_HEAD, '--database-url', db.url])).code, 0);
      await withClient(db, (c) =>
        c.query("INSERT INTO author (name) VALUES ('Ada'), ('Grace'); INSERT INTO book (author_id, title, status) VALUES (1, 'Notes', 'draft')"),
      );
      const before = await withClient(db, (c) => fullDump(c));
      const result = await runVerb(upgradeCommand, [faulty.dir, '--database-url', db.url]);
      assert.equal(result.code, 2);
      assert.match(result.out, /Revision: {2}5f0a2b3c4d07/);
      assert.match(result.out, /Written at: .*5f0a2b3c4d07_unique_nicks\.py:\d+/);
      assert.match(result.out, /Statement: ALTER TABLE "author" ADD CONSTRAINT "uq_author_nick" UNIQUE \("nick"\)/);
      assert.match(result.out, /PostgreSQL: could not create unique index "uq_author_nick" \(SQLSTATE 23505\)/);
      assert.match(result.out, /everything was rolled back, the database is unchanged at 4f0a2b3c4d04/);
      assert.equal(await withClient(db, (c) => fullDump(c)), before);
    });

    test('an index created CONCURRENTLY (autocommit_block) is built inside the one transaction, and the log says so', async (t) => {
      const db = await ready(t);
      if (!db || !concurrent) return;
      const result = await runVerb(upgradeCommand, [concurrent.dir, '--database-url', db.url, '--executor', 'native']);
      assert.equal(result.code, 0, result.out + result.err);
      assert.match(result.err, /note: index ix_book_title is built without CONCURRENTLY inside the migration transaction/);
      const indexes = await withClient(
        db,
        async (c) => (await c.query(`select indexname from pg_indexes where tablename = 'book' and indexname = 'ix_book_title'`)).rowCount,
      );
      assert.equal(indexes, 1);
    });

    test('the Alembic fallback notices when the app migrates a different database than ours', async (t) => {
      const db = await ready(t);
      if (!db || !withPython) return;
      // The other database lives on the real server (PGlite serves a single database).
      if (missingOracle(t, await postgresProblem())) return;
      const other = await createTestDatabase('mg_other');
      const elsewhere = other.sqlalchemyUrl;
      const project = createFlaskProject(LIBRARY);
      try {
        const app = join(project.dir, 'app.py');
        writeFileSync(app, readFileSync(app, 'utf8').replace('os.environ["DATABASE_URL"]', JSON.stringify(elsewhere)));
        const result = await runVerb(upgradeCommand, [project.dir, '--database-url', db.url, '--executor', 'alembic', '--python', SYSTEM_PYTHON]);
        assert.equal(result.code, 2, result.out + result.err);
        assert.match(result.out, /The project's Alembic did not migrate this database; it is still at base\./);
        assert.equal(await withClient(db, (c) => readAlembicVersion(c)), null);
      } finally {
        project.remove();
        await other.drop();
      }
    });

    test('dry run prints the statements it ran, then leaves the database exactly as it was', async (t) => {
      const db = await ready(t);
      if (!db || !library) return;
      const before = await withClient(db, (c) => fullDump(c));
      const result = await runVerb(upgradeCommand, [library.dir, '--database-url', db.url, '--dry-run']);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /CREATE TABLE "author"/);
      assert.match(result.out, /Dry run: 4 revisions ran from base to 4f0a2b3c4d04, then were rolled back\. Nothing changed\./);
      assert.equal(await withClient(db, (c) => fullDump(c)), before);
    });

    test('--sql with FROM:TO prints the script without a database; stamp records a revision without running it', async (t) => {
      const db = await ready(t);
      if (!db || !library) return;
      const script = await runVerb(upgradeCommand, [
        library.dir,
        `${LIBRARY[1]!.revision}:head`,
        '--sql',
        '--database-url',
        'postgresql://nobody@127.0.0.1:1/none',
      ]);
      assert.equal(script.code, 0, script.err);
      assert.match(script.out, /^BEGIN;/);
      assert.match(script.out, /-- Running upgrade 2f0a2b3c4d02 -> 3f0a2b3c4d03, price and checks/);
      assert.match(script.out, /UPDATE alembic_version SET version_num='4f0a2b3c4d04' WHERE alembic_version\.version_num = '3f0a2b3c4d03';/);
      assert.doesNotMatch(script.out, /CREATE TABLE alembic_version/);
      const stamped = await runVerb(stampCommand, [library.dir, '2f0a', '--database-url', db.url]);
      assert.equal(stamped.code, 0, stamped.err);
      assert.equal(await withClient(db, (c) => readAlembicVersion(c)).then((v) => v?.join()), LIBRARY[1]!.revision);
      assert.deepEqual(
        await withClient(
          db,
          async (c) => (await c.query(`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename <> 'alembic_version'`)).rows[0]?.n,
        ),
        0,
      );
    });

    test('a revision holding Python is refused natively (naming its lines, nothing touched) and runs through real flask db otherwise', async (t) => {
      const db = await ready(t);
      if (!db || !withPython) return;
      const before = await withClient(db, (c) => fullDump(c));
      const refused = await runVerb(upgradeCommand, [withPython.dir, '--database-url', db.url, '--executor', 'native']);
      assert.equal(refused.code, 2);
      assert.match(refused.out, /Refused before touching the database: revisions hold Python the engine can't translate/);
      assert.match(refused.out, /5f0a2b3c4d05_backfill_slugs\.py:\d+: upgrade of 5f0a2b3c4d05: loop over values that cannot be read statically/);
      assert.equal(await withClient(db, (c) => fullDump(c)), before, 'nothing was touched');

      const applied = await runVerb(upgradeCommand, [withPython.dir, '--database-url', db.url, '--python', SYSTEM_PYTHON]);
      assert.equal(applied.code, 0, applied.out + applied.err);
      assert.match(applied.err, /Running the project's own Alembic/);
      assert.match(applied.out, /Applied by the project's Alembic: base → 5f0a2b3c4d05/);
      assert.equal((await runVerb(currentCommand, [withPython.dir, '--database-url', db.url])).out.trim(), '5f0a2b3c4d05 (head)');
    });
  });
}
