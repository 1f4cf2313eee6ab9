// Rules speak the project's dialect: on a SQLite project (the sqlite-blog fixture's config.py) a
// narrowed VARCHAR is not a data-loss warning (SQLite enforces no length), a type change is batch
// mode's table copy, CREATE INDEX has no CONCURRENTLY advice; the same edit on PostgreSQL warns.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkCommand } from '../../../src/cli/commands/check';
import type { Finding } from '../../../src/core/findings';
import { runCli } from '../../oracle/sqlite/cli';
import { upgradeCommand } from '../../../src/cli/commands/upgrade';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { spawnSync } from 'node:child_process';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/sqlite-blog');

async function findings(dir: string, extra: string[] = []): Promise<Finding[]> {
  const result = await runCli(checkCommand, [dir, '--format', 'json', ...extra]);
  return JSON.parse(result.out) as Finding[];
}

test('SQLite: narrowing is info (not enforced), a type change is a batch copy, no PG101; PostgreSQL keeps its warnings', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-rules-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const models = path.join(dir, 'app', 'models.py');
    writeFileSync(
      models,
      readFileSync(models, 'utf8')
        .replace('about_me = db.Column(db.String(140))', 'about_me = db.Column(db.String(20), index=True)')
        .replace('body = db.Column(db.String(140), nullable=False)', 'body = db.Column(db.Integer, nullable=False)'),
    );
    const sqlite = await findings(dir);
    const narrowed = sqlite.find((f) => f.code === 'MF105' && f.column === 'about_me');
    assert.equal(narrowed?.severity, 'info');
    assert.equal(narrowed?.destructive, false);
    assert.match(narrowed?.message ?? '', /SQLite does not enforce the new size/);
    const kindChange = sqlite.find((f) => f.code === 'MF105' && f.column === 'body');
    assert.equal(kindChange?.severity, 'warning', 'text → integer is a CAST in the copy: still data loss');
    assert.match(sqlite.find((f) => f.code === 'PG301' && f.column === 'about_me')?.message ?? '', /batch mode copy table `user`/);
    assert.equal(
      sqlite.some((f) => f.code === 'PG101'),
      false,
    );
    assert.ok(
      sqlite.every((f) => !/ACCESS EXCLUSIVE|CONCURRENTLY/.test(f.message)),
      'no PostgreSQL words on SQLite',
    );

    const pg = await findings(dir, ['--database-url', 'postgresql://nobody@127.0.0.1:1/none']);
    assert.equal(pg.find((f) => f.code === 'MF105' && f.column === 'about_me')?.severity, 'warning');
    assert.ok(pg.some((f) => f.code === 'PG101'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('row counts for findings come from the SQLite file', async (t) => {
  if (missingOracle(t, pythonOracleProblem())) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-rows-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const db = path.join(dir, 'app.db');
    const url = ['--database-url', `sqlite:///${db}`, '--python', SYSTEM_PYTHON];
    assert.equal((await runCli(upgradeCommand, [dir, ...url])).code, 0);
    spawnSync(SYSTEM_PYTHON, [
      '-c',
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(\"insert into user (username,email,about_me) values ('a','a@x','hi'),('b','b@x',null),('c','c@x','a much longer text than twenty');\")",
      db,
    ]);
    const models = path.join(dir, 'app', 'models.py');
    writeFileSync(
      models,
      readFileSync(models, 'utf8')
        .replace('    about_me = db.Column(db.String(140))\n', '')
        .replace('email = db.Column(db.String(120)', 'email = db.Column(db.String(2)'),
    );
    const found = await findings(dir, url);
    assert.match(found.find((f) => f.code === 'DS103')?.message ?? '', /\b2 non-null values\b/, 'two non-null about_me values would be dropped');
    const narrowed = found.find((f) => f.code === 'MF105' && f.column === 'email');
    assert.equal(narrowed?.severity, 'info');
    assert.deepEqual(narrowed?.rows, { total: 3, atRisk: 3 }, 'three emails longer than 2 characters');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
