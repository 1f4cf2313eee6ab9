// Real Flask-Migrate as the oracle of a fixture project: `flask db ...` run by the system Python in
// the project's folder against a test database, and the check every in-sync fixture makes with it.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { SYSTEM_PYTHON } from './oracles';
import type { TestDatabase } from './pgdb';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** `flask db ARGS` in `dir` (FLASK_APP=app.py) against `db`. */
export function flaskDb(dir: string, db: TestDatabase): (...args: string[]) => SpawnSyncReturns<string> {
  const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' };
  return (...args) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
}

/**
 * Real `flask db upgrade` builds what our replay says (our drift: none), real `flask db migrate` then
 * finds nothing, and our check says in sync too. Leaves the database upgraded.
 */
export function assertInSyncWithFlaskMigrate(dir: string, db: TestDatabase): void {
  const flask = flaskDb(dir, db);
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  const upgrade = flask('upgrade');
  assert.equal(upgrade.status, 0, upgrade.stderr);
  const drift = cli('drift', dir, '--database-url', db.url);
  assert.equal(drift.status, 0, drift.stdout + drift.stderr);
  assert.match(drift.stdout, /No drift/);
  const migrate = flask('migrate', '-m', 'nothing');
  assert.equal(migrate.status, 0, migrate.stderr);
  assert.match(migrate.stderr, /No changes in schema detected/);
  const check = cli('check', dir);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /in sync/);
}
