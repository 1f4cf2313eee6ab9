// Per-column restore from a SQLite file backup, the backup's sidecar (what it was taken for), and
// keeping the last N: a dropped column's values come back by primary key into the recreated column,
// rows added since keep theirs, alembic_version is not touched, and bad requests change nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { CLI_JSON_SCHEMAS } from '../../../src/cliJson';
import { downgradeCommand } from '../../../src/cli/commands/downgrade';
import { restoreCommand } from '../../../src/cli/commands/restore';
import { upgradeCommand } from '../../../src/cli/commands/upgrade';
import { sidecarOf, type ListedFileBackup } from '../../../src/db/sqlite/backups';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { runCli } from '../../oracle/sqlite/cli';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/sqlite-blog');
const BASE = 'a59d0c2d6f3b';
const py = (code: string, ...args: string[]) => {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', code, ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
};
const rows = (db: string) =>
  JSON.parse(
    py(
      'import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchall()))',
      db,
      'select id, username, about_me from user order by id',
    ),
  ) as unknown[];

test('restore BACKUP --column TABLE.COLUMN puts one dropped column back by primary key from the file backup; --keep-backups N keeps N copies', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-colrestore-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const db = path.join(dir, 'app.db');
    const url = ['--database-url', `sqlite:///${db}`, '--python', SYSTEM_PYTHON];
    writeFileSync(
      path.join(dir, 'migrations', 'versions', 'd1_drop.py'),
      `from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'd1'\ndown_revision = '${BASE}'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.batch_alter_table('user', schema=None) as batch_op:\n        batch_op.drop_column('about_me')\n\n\ndef downgrade():\n    with op.batch_alter_table('user', schema=None) as batch_op:\n        batch_op.add_column(sa.Column('about_me', sa.VARCHAR(length=140), nullable=True))\n`,
    );
    assert.equal((await runCli(upgradeCommand, [dir, BASE, ...url])).code, 0);
    py(
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into user (username, email, about_me) values ('ann', 'a@x', 'hi'), ('bob', 'b@x', 'it''s me')\"); c.commit()",
      db,
    );
    // The preview (a dry run) says what the step destroys, counted in app.db: the modal in VS Code is built from it.
    const dry = await runCli(upgradeCommand, [dir, ...url, '--dry-run', '--format', 'json']);
    assert.equal(dry.code, 0, dry.err);
    const preview = JSON.parse(dry.out) as { steps: { atRisk?: { table: string; columns: string[] | null; counted?: unknown }[] }[] };
    assert.ok(new Ajv({ strict: true }).compile(CLI_JSON_SCHEMAS.move)(preview), 'the preview fits the declared move JSON');
    assert.deepEqual(
      preview.steps[0]?.atRisk?.map((a) => [a.table, a.columns, a.counted]),
      [['user', ['about_me'], { rows: 2, values: { about_me: 2 } }]],
    );
    const up = await runCli(upgradeCommand, [dir, ...url]);
    assert.equal(up.code, 0, up.err);
    const listed = JSON.parse((await runCli(restoreCommand, [dir, ...url, '--format', 'json'])).out) as { kind: string; backups: ListedFileBackup[] };
    assert.equal(listed.kind, 'sqlite-file');
    const validate = new Ajv({ allErrors: true, strict: true }).compile(CLI_JSON_SCHEMAS['restore:sqlite-list']);
    assert.ok(validate(listed), JSON.stringify(validate.errors));
    assert.ok(new Ajv({ strict: true }).compile(CLI_JSON_SCHEMAS['restore:list'])(listed), 'the general listing schema admits it too');
    assert.equal(listed.backups.length, 1);
    const backup = listed.backups[0] as ListedFileBackup;
    assert.equal(backup.revision, 'd1');
    assert.equal(backup.direction, 'up');
    assert.ok(backup.bytes > 0);
    assert.deepEqual(
      backup.targets.map((x) => [x.table, x.columns, x.revision]),
      [['user', ['about_me'], 'd1']],
    );
    py("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into user (username, email) values ('cy', 'c@x')\"); c.commit()", db);

    const early = await runCli(restoreCommand, [dir, backup.path, '--column', 'user.about_me', ...url]);
    assert.equal(early.code, 2, 'the column is not there yet');
    assert.match(early.err, /nothing was restored: column "user\.about_me" is not in .*app\.db: recreate it first/);
    const bad = await runCli(restoreCommand, [dir, backup.path, '--column', 'about_me', ...url]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--column takes TABLE\.COLUMN/);

    assert.equal((await runCli(downgradeCommand, [dir, ...url])).code, 0);
    assert.deepEqual(rows(db), [
      [1, 'ann', null],
      [2, 'bob', null],
      [3, 'cy', null],
    ]);
    const key = await runCli(restoreCommand, [dir, 'latest', '--column', 'user.id', ...url]);
    assert.equal(key.code, 2);
    assert.match(key.err, /part of the primary key/);
    const done = await runCli(restoreCommand, [dir, 'latest', '--column', 'user.about_me', ...url, '--format', 'json']);
    assert.equal(done.code, 0, done.err);
    const result = JSON.parse(done.out) as { kind: string; rowsRestored: number; aside: string };
    assert.equal(result.kind, 'sqlite-column');
    assert.equal(result.rowsRestored, 2);
    assert.ok(existsSync(result.aside), 'the file before the restore was kept aside');
    assert.deepEqual(
      rows(db),
      [
        [1, 'ann', 'hi'],
        [2, 'bob', "it's me"],
        [3, 'cy', null],
      ],
      'the backed-up values are back; the row added since keeps its own',
    );
    assert.equal(py("import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select version_num from alembic_version').fetchone()[0])", db), BASE);

    // Three more destructive upgrades with --keep-backups 2: two copies (and their sidecars) remain.
    for (let i = 0; i < 3; i++) {
      assert.equal((await runCli(upgradeCommand, [dir, ...url, '--keep-backups', '2'])).code, 0);
      assert.equal((await runCli(downgradeCommand, [dir, ...url])).code, 0);
    }
    const copies = readdirSync(dir).filter((f) => /^app\.db\.migration-guard-d1-.*\.bak$/.test(f));
    assert.equal(copies.length, 2);
    for (const copy of copies) assert.ok(existsSync(sidecarOf(path.join(dir, copy))));
    assert.equal(readdirSync(dir).filter((f) => /^app\.db\.migration-guard-d1-.*\.bak\.json$/.test(f)).length, 2, 'no orphaned sidecar');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
