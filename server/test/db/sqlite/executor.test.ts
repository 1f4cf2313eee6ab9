// The SQLite executor on a real file, with Python's sqlite3 (the library `flask run` uses) as the
// other process: a held write lock gives "database is locked" after the busy timeout and no damage;
// a migration failing half-way leaves the file byte-identical; dry runs change nothing; stamp,
// current and restore from a backup.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { currentCommand } from '../../../src/cli/commands/current';
import { restoreCommand } from '../../../src/cli/commands/restore';
import { stampCommand } from '../../../src/cli/commands/stamp';
import { upgradeCommand } from '../../../src/cli/commands/upgrade';
import { SqliteConnection } from '../../../src/db/sqlite/driver';
import { listFileBackups, restoreFileBackup } from '../../../src/db/sqlite/backups';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { runCli } from '../../oracle/sqlite/cli';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/sqlite-blog');
const BASE = 'a59d0c2d6f3b';

function project(): { dir: string; db: string; url: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-exec-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const db = path.join(dir, 'app.db');
  return { dir, db, url: ['--database-url', `sqlite:///${db}`, '--python', SYSTEM_PYTHON] };
}

function revision(dir: string, id: string, down: string, upgrade: string[]): void {
  const body = upgrade.map((l) => `    ${l}`).join('\n');
  writeFileSync(
    path.join(dir, 'migrations', 'versions', `${id}_step.py`),
    `from alembic import op\nimport sqlalchemy as sa\n\nrevision = '${id}'\ndown_revision = '${down}'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`,
  );
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const py = (code: string, ...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-c', code, ...args], { encoding: 'utf8' }).stdout.trim();

test('a writer holding the lock (as flask run would) makes upgrade fail with "database is locked" after the timeout; nothing is damaged', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const { dir, db, url } = project();
  try {
    assert.equal((await runCli(upgradeCommand, [dir, BASE, ...url])).code, 0);
    revision(dir, 'b1', BASE, [
      "with op.batch_alter_table('user') as batch_op:",
      "    batch_op.add_column(sa.Column('karma', sa.Integer(), server_default='0', nullable=False))",
      "    batch_op.alter_column('about_me', type_=sa.String(40))",
    ]);
    const writer = spawn(
      SYSTEM_PYTHON,
      [
        '-c',
        "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\nc.execute(\"insert into user (username, email) values ('app', 'app@x')\")\nprint('holding', flush=True)\nsys.stdin.readline()\nc.execute('COMMIT')\nprint('committed', flush=True)",
        db,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    const started = Date.now();
    const locked = await runCli(upgradeCommand, [dir, ...url, '--lock-timeout', '1s']);
    assert.equal(locked.code, 2);
    assert.match(locked.out, /database is locked: another process .* holds a write transaction on .*app\.db; gave up after waiting 1 s\. Nothing was changed/);
    assert.ok(Date.now() - started >= 900, 'it waited for the busy timeout first');
    const committed = new Promise<string>((resolve) => writer.stdout.on('data', (d: Buffer) => resolve(d.toString())));
    writer.stdin.write('\n');
    assert.match(await committed, /committed/, "the app's own transaction commits normally afterwards");
    assert.equal(
      py(
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma integrity_check').fetchone()[0], c.execute('select version_num from alembic_version').fetchone()[0], c.execute('select count(*) from user').fetchone()[0])",
        db,
      ),
      `ok ${BASE} 1`,
    );
    const after = await runCli(upgradeCommand, [dir, ...url]);
    assert.equal(after.code, 0, after.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a migration failing half-way leaves the file byte-identical; a dry run too', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const { dir, db, url } = project();
  try {
    assert.equal((await runCli(upgradeCommand, [dir, BASE, ...url])).code, 0);
    py(
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into user (username, email, about_me) values ('ann', 'a@x', 'hi')\"); c.commit()",
      db,
    );
    revision(dir, 'c1', BASE, [
      "op.add_column('user', sa.Column('nick', sa.String(30)))",
      "with op.batch_alter_table('user') as batch_op:",
      "    batch_op.drop_column('about_me')",
      "op.execute('INSERT INTO no_such_table VALUES (1)')",
    ]);
    const before = hash(db);
    const dry = await runCli(upgradeCommand, [dir, ...url, '--dry-run']);
    assert.equal(dry.code, 2, 'the dry run meets the same error');
    assert.equal(hash(db), before);
    const failed = await runCli(upgradeCommand, [dir, ...url]);
    assert.equal(failed.code, 2);
    assert.match(
      failed.out,
      /Statement: INSERT INTO no_such_table VALUES \(1\)\nSQLite: no such table: no_such_table\nFailed in revision c1; everything was rolled back/,
    );
    assert.equal(hash(db), before, 'byte-identical after the failure');
    assert.equal(listFileBackups(db).length, 1, 'the destructive step was backed up first');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stamp, current (also on a file not created yet) and restore of a backup', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const { dir, db, url } = project();
  try {
    const missing = await runCli(currentCommand, [dir, ...url]);
    assert.equal(missing.code, 0);
    assert.match(missing.err, /does not exist \(yet\)/);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('app.db') || f === '.migration-guard'),
      [],
      'current creates nothing',
    );
    assert.equal((await runCli(stampCommand, [dir, BASE, ...url])).code, 0);
    assert.equal((await runCli(currentCommand, [dir, ...url])).out.trim(), `${BASE} (head)`);
    assert.equal((await runCli(stampCommand, [dir, 'base', ...url])).code, 0);
    assert.equal(py("import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from alembic_version').fetchone()[0])", db), '0');
    rmSync(db);
    assert.equal((await runCli(upgradeCommand, [dir, BASE, ...url])).code, 0);
    py(
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into user (username, email, about_me) values ('ann', 'a@x', 'hi')\"); c.commit()",
      db,
    );
    revision(dir, 'd1', BASE, ["with op.batch_alter_table('user') as batch_op:", "    batch_op.drop_column('about_me')"]);
    const up = await runCli(upgradeCommand, [dir, ...url]);
    assert.equal(up.code, 0, up.err);
    assert.match(up.err, /Backup: copied .*app\.db to .*app\.db\.migration-guard-d1-\d{8}T\d{9}Z\.bak before it changes user\.about_me/);
    const listed = await runCli(restoreCommand, [dir, ...url]);
    assert.equal(listed.out.trim().split('  (')[0], listFileBackups(db)[0], 'restore DIR lists the .bak copies');
    assert.match(listed.out, /\(d1, .*; taken before it changed user\.about_me\)/, 'with what each was taken for');
    const verb = await runCli(restoreCommand, [dir, 'latest', ...url]);
    assert.equal(verb.code, 0, verb.err);
    assert.match(verb.out, /^Restored .*\.bak over .*app\.db; the file it replaced was kept as .*before-restore-.*\.bak\./);
    const asidePath = /kept as (.*\.bak)\.$/m.exec(verb.out)?.[1] as string;
    const conn = await SqliteConnection.open(db, { python: SYSTEM_PYTHON });
    try {
      assert.deepEqual((await conn.query('SELECT about_me FROM user')).rows, [['hi']], 'the dropped column and its value are back');
      assert.deepEqual((await conn.query('SELECT version_num FROM alembic_version')).rows, [[BASE]]);
      const none = await restoreFileBackup(conn, path.join(dir, 'nope.bak'));
      assert.ok(!none.ok && /no such backup/.test(none.message));
    } finally {
      await conn.close();
    }
    const aside = await SqliteConnection.open(asidePath, { python: SYSTEM_PYTHON });
    try {
      assert.deepEqual((await aside.query('SELECT version_num FROM alembic_version')).rows, [['d1']], 'the replaced file was kept aside');
    } finally {
      await aside.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
