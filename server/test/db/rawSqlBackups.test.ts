// Raw SQL drops are seen, backed up, confirmed and restorable; backups restore exactly. Before:
// op.execute("DROP TABLE raw") got no backup and no confirmation (200 of 200 values lost); a table
// without a primary key was restored by INSERTing its rows again (1,003 became 2,006); the sequence
// stayed behind after a whole-table restore; two long table names got the same backup name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { downgradeCommand } from '../../src/cli/commands/downgrade';
import { restoreCommand } from '../../src/cli/commands/restore';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import type { ExecutionResult } from '../../src/db/executor';
import { missingOracle, pythonOracleProblem } from '../support/oracles';
import { runVerb } from './cliRun';
import { fullDump } from './dump';
import { createFlaskProject, type FlaskProject, type RevisionSource } from './support/flaskProject';
import { openTarget, requireTarget, TARGET_KINDS, withClient, type Target } from './targets';

const LONG_A = 'customer_purchase_history_snapshot_archive_2024_q1_alpha';
const LONG_B = 'customer_purchase_history_snapshot_archive_2024_q1_omega';

const SETUP: RevisionSource = {
  revision: 'a10000000001',
  down: null,
  message: 'setup',
  upgrade: `
op.execute("CREATE TABLE raw (id serial PRIMARY KEY, v text NOT NULL)")
op.execute("INSERT INTO raw (v) SELECT 'value ' || i FROM generate_series(1, 200) i")
op.execute('CREATE TABLE "user" (id serial PRIMARY KEY, email varchar(120))')
op.execute("""INSERT INTO "user" (email) SELECT 'u' || i || '@x.org' FROM generate_series(1, 50) i""")
op.execute("CREATE TABLE nopk (a integer, b text)")
op.execute("INSERT INTO nopk SELECT i % 10, 'b' || i FROM generate_series(1, 1003) i")
op.execute("CREATE TABLE ${LONG_A} (id integer PRIMARY KEY, note text)")
op.execute("CREATE TABLE ${LONG_B} (id integer PRIMARY KEY, note text)")
op.execute("INSERT INTO ${LONG_A} SELECT i, 'a' || i FROM generate_series(1, 7) i")
op.execute("INSERT INTO ${LONG_B} SELECT i, 'b' || i FROM generate_series(1, 9) i")`,
  downgrade: `op.execute("DROP TABLE raw, \\"user\\", nopk, ${LONG_A}, ${LONG_B}")`,
};

const DESTROY: RevisionSource = {
  revision: 'b20000000002',
  down: 'a10000000001',
  message: 'raw destruction',
  upgrade: `
op.execute('ALTER TABLE "user" DROP COLUMN email')
op.execute("DROP TABLE raw")
op.execute(sa.text("ALTER TABLE nopk DROP COLUMN b"))
op.execute("DROP TABLE ${LONG_A}; DROP TABLE ${LONG_B}")
op.execute("DO $$ BEGIN PERFORM 1; END $$")`,
  downgrade: `
op.execute("CREATE TABLE ${LONG_B} (id integer PRIMARY KEY, note text)")
op.execute("CREATE TABLE ${LONG_A} (id integer PRIMARY KEY, note text)")
op.execute("ALTER TABLE nopk ADD COLUMN b text")
op.execute("CREATE TABLE raw (id serial PRIMARY KEY, v text NOT NULL)")
op.execute('ALTER TABLE "user" ADD COLUMN email varchar(120)')`,
};

const TABLES = ['raw', '"user"', 'nopk', LONG_A, LONG_B];

async function md5s(target: Target): Promise<Record<string, string>> {
  return withClient(target, async (c) => {
    const out: Record<string, string> = {};
    for (const t of TABLES)
      out[t] = (await c.query<{ m: string }>(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as m from ${t} x`)).rows[0]?.m ?? '';
    return out;
  });
}

let project: FlaskProject | null = null;
before(() => {
  if (pythonOracleProblem() !== null) return;
  project = createFlaskProject([SETUP, DESTROY]);
});
after(() => project?.remove());

for (const kind of TARGET_KINDS) {
  describe(`raw SQL drops and exact restores on ${kind}`, () => {
    let target: Target | null = null;
    before(async () => {
      target = await openTarget(kind);
    });
    after(async () => {
      await target?.close();
    });

    test('raw drops: dry run names them with row counts and says nothing was backed up; the run backs them up; restore puts back every row exactly', async (t) => {
      if (missingOracle(t, pythonOracleProblem()) || !project) return;
      const db = await requireTarget(t, target);
      if (!db) return;
      await db.reset();
      const dir = project.dir;
      const url = ['--database-url', db.url];
      assert.equal((await runVerb(upgradeCommand, [dir, 'a10000000001', ...url])).code, 0);
      const original = await md5s(db);
      const dump = await withClient(db, (c) => fullDump(c));

      const dry = await runVerb(upgradeCommand, [dir, '--dry-run', '--format', 'json', ...url]);
      assert.equal(dry.code, 0, dry.out + dry.err);
      const preview = JSON.parse(dry.out) as ExecutionResult;
      const step = preview.steps[0];
      assert.ok(step);
      const atRisk = (step.atRisk ?? []).map((r) => `${r.table}${r.columns ? `(${r.columns.join(',')})` : ''}`).sort();
      assert.deepEqual(atRisk, [LONG_A, LONG_B, 'nopk(b)', 'raw', 'user(email)'].sort());
      assert.deepEqual(Object.fromEntries(step.backups.map((b) => [b.table, b.rows])), { raw: 200, user: 50, nopk: 1003, [LONG_A]: 7, [LONG_B]: 9 });
      assert.deepEqual(
        (step.unchecked ?? []).map((u) => u.sql),
        ['DO $$ BEGIN PERFORM 1; END $$'],
      );
      const names = step.backups.map((b) => b.backupTable);
      assert.equal(new Set(names).size, names.length, `backup names are unique: ${names.join(', ')}`);
      assert.ok(
        names.every((n) => Buffer.byteLength(n) <= 63),
        names.join(', '),
      );
      const dryText = await runVerb(upgradeCommand, [dir, '--dry-run', ...url]);
      assert.match(dryText.out, /would back up 200 rows of table "raw" .*nothing was backed up, because the dry run rolled back/);
      assert.match(dryText.out, /not checked for data loss .*DO \$\$ BEGIN PERFORM 1; END \$\$/);
      assert.equal(await withClient(db, (c) => fullDump(c)), dump, 'the dry run changed nothing');
      assert.equal(
        (await runVerb(restoreCommand, [dir, ...url])).out.trim(),
        'No backups: migration_guard_backup.backups is empty (backups are taken before a step destroys data).',
      );

      const applied = await runVerb(upgradeCommand, [dir, '--format', 'json', ...url]);
      assert.equal(applied.code, 0, applied.out + applied.err);
      const backups = (JSON.parse(applied.out) as ExecutionResult).steps[0]?.backups ?? [];
      assert.equal(backups.length, 5);

      // Restoring before the table exists again is refused and changes nothing.
      const raw = backups.find((b) => b.table === 'raw');
      assert.ok(raw);
      const early = await runVerb(restoreCommand, [dir, raw.backupTable, ...url]);
      assert.equal(early.code, 2);
      assert.match(early.err, /nothing was restored: table "raw" does not exist/);

      assert.equal((await runVerb(downgradeCommand, [dir, 'a10000000001', ...url])).code, 0);
      const listed = await runVerb(restoreCommand, [dir, '--format', 'json', ...url]);
      assert.equal((JSON.parse(listed.out) as { backups: unknown[] }).backups.length, 5);
      const restoredRows: Record<string, number> = {};
      for (const backup of backups) {
        const done = await runVerb(restoreCommand, [dir, backup.backupTable, '--format', 'json', ...url]);
        assert.equal(done.code, 0, done.out + done.err);
        restoredRows[backup.table] = (JSON.parse(done.out) as { rowsRestored: number }).rowsRestored;
      }
      assert.deepEqual(restoredRows, { raw: 200, user: 50, nopk: 1003, [LONG_A]: 7, [LONG_B]: 9 });
      assert.deepEqual(await md5s(db), original, 'every table has exactly its rows back (same md5)');
      const counts = await withClient(db, async (c) => (await c.query<{ n: number }>('select count(*)::int as n from nopk')).rows[0]?.n);
      assert.equal(counts, 1003, 'the table without a primary key is not duplicated');
      // The sequence is past the highest restored id: the application's next insert works.
      const next = await withClient(db, async (c) => (await c.query<{ id: number }>(`insert into raw (v) values ('new') returning id`)).rows[0]?.id);
      assert.equal(next, 201);
    });
  });
}
