// The SQLite introspector (sqlite_master + PRAGMAs → the engine's schema), `drift` on a SQLite file
// and `roundtrip` on a scratch SQLite file for a SQLite project. The files are made by Python's
// sqlite3, the library the app itself uses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { driftCommand } from '../../../src/cli/commands/drift';
import { roundtripCommand } from '../../../src/cli/commands/roundtrip';
import { upgradeCommand } from '../../../src/cli/commands/upgrade';
import { SqliteConnection } from '../../../src/db/sqlite/driver';
import { checksOf, introspectSqlite, normalizeSqliteDefault } from '../../../src/db/sqlite/introspect';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { runCli } from '../../oracle/sqlite/cli';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/sqlite-blog');
const sqlScript = (file: string, sql: string) => {
  const run = spawnSync(SYSTEM_PYTHON, ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read()); c.commit()', file], {
    input: sql,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
};

test('CHECK constraints are read from the CREATE TABLE text (quotes and nesting respected); defaults get one spelling', () => {
  assert.deepEqual(checksOf(`CREATE TABLE t (a INTEGER CHECK (a > 0), b TEXT DEFAULT 'CHECK (x)', CONSTRAINT "ck ""b""" CHECK (length(b) IN (1, 2)))`), [
    { name: 'check_1', expression: 'a > 0' },
    { name: 'ck "b"', expression: 'length(b) IN (1, 2)' },
  ]);
  assert.equal(normalizeSqliteDefault("'0'"), '0');
  assert.equal(normalizeSqliteDefault('(CURRENT_TIMESTAMP)'), 'CURRENT_TIMESTAMP');
  assert.equal(normalizeSqliteDefault("'reader'"), "'reader'");
  assert.equal(normalizeSqliteDefault("(lower('X')) || (upper('y'))"), "(lower('X')) || (upper('y'))");
});

test('introspectSqlite reads columns, keys, uniques, indexes (expressions too), foreign keys and checks', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-introspect-'));
  try {
    const db = path.join(dir, 'x.db');
    sqlScript(
      db,
      `CREATE TABLE account (id INTEGER NOT NULL, region VARCHAR(2) NOT NULL, PRIMARY KEY (id, region));
       CREATE TABLE "order" (id INTEGER NOT NULL, code varchar (20) DEFAULT '0', placed DATETIME DEFAULT (CURRENT_TIMESTAMP),
         account_id INTEGER, account_region VARCHAR(2), total NUMERIC(10,2), CONSTRAINT pk_order PRIMARY KEY (id),
         CONSTRAINT uq_code UNIQUE (code), CONSTRAINT ck_total CHECK (total >= 0),
         FOREIGN KEY(account_id, account_region) REFERENCES account (id, region) ON DELETE CASCADE);
       CREATE INDEX ix_order_lower ON "order" (lower(code), placed);
       CREATE UNIQUE INDEX ix_order_placed ON "order" (placed);
       CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));`,
    );
    const conn = await SqliteConnection.open(db, { python: SYSTEM_PYTHON });
    try {
      const schema = await introspectSqlite(conn);
      assert.deepEqual(Object.keys(schema.tables).sort(), ['account', 'order'], 'alembic_version is left out');
      const order = schema.tables['order'];
      assert.ok(order);
      assert.deepEqual(order.columns, {
        id: { type: 'INTEGER', nullable: false, default: null },
        code: { type: 'VARCHAR(20)', nullable: true, default: '0' },
        placed: { type: 'DATETIME', nullable: true, default: 'CURRENT_TIMESTAMP' },
        account_id: { type: 'INTEGER', nullable: true, default: null },
        account_region: { type: 'VARCHAR(2)', nullable: true, default: null },
        total: { type: 'NUMERIC(10, 2)', nullable: true, default: null },
      });
      assert.deepEqual(order.primaryKey?.columns, ['id']);
      assert.deepEqual(
        order.uniques.map((u) => u.columns),
        [['code']],
      );
      assert.deepEqual(order.indexes.map((i) => [i.name, i.columns, i.unique]).sort(), [
        ['ix_order_lower', ['lower(code)', 'placed'], false],
        ['ix_order_placed', ['placed'], true],
      ]);
      assert.deepEqual(
        order.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns, f.onDelete]),
        [[['account_id', 'account_region'], 'account', ['id', 'region'], 'CASCADE']],
      );
      assert.deepEqual(order.checks, [{ name: 'ck_total', expression: 'total >= 0' }]);
      assert.deepEqual(schema.tables['account']?.primaryKey?.columns, ['id', 'region']);
    } finally {
      await conn.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('drift on a SQLite file: none after upgrade; a column, an index and a type changed by hand are each an MG002 finding', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-drift-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const db = path.join(dir, 'app.db');
    const url = ['--database-url', `sqlite:///${db}`, '--python', SYSTEM_PYTHON];
    const missing = await runCli(driftCommand, [dir, ...url]);
    assert.equal(missing.code, 2, 'a file that does not exist yet is an error, and it is not created');
    assert.match(missing.err, /does not exist \(yet\)/);
    assert.equal(existsSync(db), false);
    assert.equal((await runCli(upgradeCommand, [dir, ...url])).code, 0);
    const clean = await runCli(driftCommand, [dir, ...url]);
    assert.equal(clean.code, 0, clean.out + clean.err);
    assert.match(clean.out, /No drift/);
    assert.match(clean.err, /SQLite file .*app\.db/);
    sqlScript(
      db,
      `ALTER TABLE user ADD COLUMN nickname VARCHAR(40);
       CREATE INDEX ix_post_body ON post (body);
       CREATE TABLE _t AS SELECT * FROM user; DROP TABLE user;
       CREATE TABLE user (id INTEGER NOT NULL, username VARCHAR(64) NOT NULL, email VARCHAR(120) NOT NULL, about_me TEXT, nickname VARCHAR(40), PRIMARY KEY (id));
       CREATE UNIQUE INDEX ix_user_username ON user (username); CREATE UNIQUE INDEX ix_user_email ON user (email);
       INSERT INTO user SELECT * FROM _t; DROP TABLE _t;`,
    );
    const drifted = await runCli(driftCommand, [dir, ...url, '--format', 'json']);
    assert.equal(drifted.code, 1, drifted.err);
    const messages = (JSON.parse(drifted.out) as { code: string; message: string }[]).map((f) => `${f.code} ${f.message}`).sort();
    assert.deepEqual(messages, [
      'MG002 Database drift: column "user.about_me" differs: type VARCHAR(140) in the migrations, TEXT in the database.',
      'MG002 Database drift: column "user.nickname" is in the database but the migrations at a59d0c2d6f3b do not create it.',
      'MG002 Database drift: index "ix_post_body" on "post" is in the database only.',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("roundtrip on a SQLite project runs on a scratch SQLite file (batch copies included), never on PGlite or the project's file", async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-roundtrip-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    // A second revision that needs a batch-mode table copy on SQLite (type change + NOT NULL column).
    writeFileSync(
      path.join(dir, 'migrations', 'versions', 'b2_karma.py'),
      "from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'b2'\ndown_revision = 'a59d0c2d6f3b'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.batch_alter_table('user', schema=None) as batch_op:\n        batch_op.add_column(sa.Column('karma', sa.Integer(), server_default='0', nullable=False))\n        batch_op.alter_column('about_me', existing_type=sa.String(length=140), type_=sa.String(length=40))\n        batch_op.create_index(batch_op.f('ix_user_karma'), ['karma'], unique=False)\n\n\ndef downgrade():\n    with op.batch_alter_table('user', schema=None) as batch_op:\n        batch_op.drop_index(batch_op.f('ix_user_karma'))\n        batch_op.alter_column('about_me', existing_type=sa.String(length=40), type_=sa.String(length=140))\n        batch_op.drop_column('karma')\n",
    );
    const before = readdirSync(dir).sort();
    const result = await runCli(roundtripCommand, [dir, '--steps', '2', '--python', SYSTEM_PYTHON]);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.err, /Scratch database: a new SQLite file .*scratch\.db/);
    assert.doesNotMatch(result.err + result.out, /PGlite/);
    assert.match(result.out, /✓ down b2/);
    assert.match(result.out, /Round trip passed/);
    const json = JSON.parse((await runCli(roundtripCommand, [dir, '--steps', '1', '--python', SYSTEM_PYTHON, '--format', 'json'])).out) as {
      ok: boolean;
      steps: unknown[];
    };
    assert.equal(json.ok, true);
    assert.equal(json.steps.length, 4, 'up a59d, up b2, down b2, up b2');
    assert.deepEqual(
      readdirSync(dir)
        .filter((f) => f !== '.migration-guard')
        .sort(),
      before.filter((f) => f !== '.migration-guard'),
      "the project's app.db was never created",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
