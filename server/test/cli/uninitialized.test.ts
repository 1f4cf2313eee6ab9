// A Flask-Migrate app with no migrations/ folder yet (`flask db init` never run, or the folder not
// committed, as gothinkster/flask-realworld-example-app): `check` answers instead of refusing. The
// models are compared with an empty history, a warning says why, and the hint says to run
// `flask db init` first; `revision` still refuses and writes nothing. The fixture's model base also
// derives from `flask_sqlalchemy.Model` (SQLAlchemy(model_class=CRUDMixin)): that class is no table.
// Oracle: real `flask db init` + `flask db migrate` create exactly the tables check listed, and our
// check is then in sync. Fixture: test-fixtures/uninitialized. Uses the built dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliIn } from './support';
import { after, describe, it } from 'node:test';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';

const ROOT = path.resolve(__dirname, '../../..');

describe('a Flask-Migrate app without migrations/ yet', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'mg-uninitialized-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const copy = (name: string) => {
    const dir = path.join(scratch, name);
    cpSync(path.join(ROOT, 'test-fixtures', 'uninitialized'), dir, { recursive: true });
    return dir;
  };

  it('check compares the models with an empty history: every table pending, a warning says why (exit 1, never exit 2)', () => {
    const dir = copy('check');
    const english = cliIn('C', ['check', dir, '--no-cache']);
    assert.equal(english.code, 1, english.out + english.err);
    assert.match(english.err, /shop\/extensions\.py:2: warning: no migration history yet: .*migrations does not exist \(`flask db init` creates it\)/);
    assert.match(english.out, /MG001 2 changes pending: table `customer` \(table created\); table `order` \(table created\)\./);
    assert.doesNotMatch(english.out + english.err, /crud_mixin/, 'the model_class mixin is no table');
    assert.match(english.out, /run `flask db init && migration-guard revision /);
    const spanish = cliIn('es_ES.UTF-8', ['check', dir, '--no-cache']);
    assert.equal(spanish.code, 1);
    assert.match(spanish.err, /todavía no hay historial de migraciones/);
    const json = cliIn('C', ['check', dir, '--no-cache', '--format', 'json']);
    assert.equal(json.code, 1);
    assert.deepEqual(
      (JSON.parse(json.out) as { code: string }[]).map((f) => f.code),
      ['MG001'],
    );
    // With the cache on, a folder that is no Alembic project yet still gets no .migration-guard/ of ours.
    assert.equal(cliIn('C', ['check', dir]).code, 1);
    assert.equal(existsSync(path.join(dir, '.migration-guard')), false);
  });

  it('revision still refuses (there is no script.py.mako to write through) and creates nothing', () => {
    const dir = copy('revision');
    const revision = cliIn('C', ['revision', dir, '-m', 'first', '--autogenerate', '--no-input']);
    assert.equal(revision.code, 2, revision.out + revision.err);
    assert.match(revision.err, /no migration history yet: .*migrations does not exist; the app uses Flask-Migrate, so run `flask db init` first/);
    const upgrade = cliIn('C', ['upgrade', dir, '--database-url', `sqlite:///${path.join(dir, 'app.db')}`]);
    assert.equal(upgrade.code, 2, upgrade.out + upgrade.err);
    assert.match(upgrade.err, /run `flask db init` first/);
    assert.equal(existsSync(path.join(dir, 'app.db')), false, 'no database file made');
    assert.equal(existsSync(path.join(dir, 'migrations')), false);
  });

  it('oracle: real flask db init + flask db migrate create exactly those tables, and check is then in sync', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const dir = copy('oracle');
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: `sqlite:///${path.join(dir, 'app.db')}`, PYTHONDONTWRITEBYTECODE: '1' };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const init = flask('init');
    assert.equal(init.status, 0, init.stderr);
    const migrate = flask('migrate', '-m', 'first');
    assert.equal(migrate.status, 0, migrate.stderr);
    const versions = path.join(dir, 'migrations', 'versions');
    const [file] = readdirSync(versions).filter((f) => f.endsWith('.py'));
    const created = [...readFileSync(path.join(versions, file ?? ''), 'utf8').matchAll(/op\.create_table\('([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(created, ['customer', 'order']);
    const check = cliIn('C', ['check', dir, '--no-cache']);
    assert.equal(check.code, 0, check.out + check.err);
    assert.match(check.out, /in sync/);
  });
});
