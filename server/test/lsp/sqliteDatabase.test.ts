// The language server with a SQLite project: the database the editor sends is a sqlite:/// file,
// read through Python's sqlite3 (the app's own library); findings get the file's row counts and
// the SQLite wording (narrowing is not enforced there).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upgradeCommand } from '../../src/cli/commands/upgrade';
import { DatabaseUrlNotification } from '../../src/protocol';
import { runCli } from '../oracle/sqlite/cli';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';
import { TestClient, uriOf } from './harness';

const FIXTURE = path.resolve(__dirname, '../../../test-fixtures/sqlite-blog');

describe('language server: a SQLite project', () => {
  let client: TestClient | null = null;
  let dir = '';

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mg-lsp-sqlite-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the rows at risk in the SQLite file and speaks SQLite', async (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const db = path.join(dir, 'app.db');
    assert.equal((await runCli(upgradeCommand, [dir, '--python', SYSTEM_PYTHON])).code, 0);
    spawnSync(SYSTEM_PYTHON, [
      '-c',
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(\"insert into user (username,email,about_me) values ('a','a@x','hi'),('b','b@x','yo');\")",
      db,
    ]);
    client = await TestClient.start({ workspaceFolders: [dir] });
    const models = path.join(dir, 'app', 'models.py');
    const text = readFileSync(models, 'utf8')
      .replace('    about_me = db.Column(db.String(140))\n', '')
      .replace('body = db.Column(db.String(140)', 'body = db.Column(db.String(20)');
    await client.open(models, text);
    // The project is ready once its first diagnostics are out; then the editor passes the database.
    await client.waitFor('DS103 without a database', () => client?.diagnostics.get(uriOf(models))?.diagnostics.find((d) => d.code === 'DS103'));
    await client.connection.sendNotification(DatabaseUrlNotification.method, { project: uriOf(dir), url: `sqlite:///${db}` });
    const ds103 = await client.waitFor('DS103 with the row count from app.db', () =>
      client?.diagnostics.get(uriOf(models))?.diagnostics.find((d) => d.code === 'DS103' && /2 non-null values/.test(String(d.message))),
    );
    assert.match(String(ds103.message), /Dropping `user\.about_me` destroys data \(2 non-null values in the dev database\)/);
    const mf105 = client.diagnostics.get(uriOf(models))?.diagnostics.find((d) => d.code === 'MF105');
    assert.match(String(mf105?.message ?? ''), /SQLite does not enforce the new size/);
  });
});
