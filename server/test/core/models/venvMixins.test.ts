// Issue 11, Deliver 5: base classes and mixins from outside the project are read from the project's
// virtual environment. Fixture `venv-mixin`: its models derive from an OAuth2 library's mixins
// (`fakeauth`, our own small stand-in for authlib's sqla_oauth2, installed in the fixture's .venv).
// Before this, those mixins were opaque: a table the models add got none of their columns, and a
// column the library adds was never seen. Oracles: real SQLAlchemy's create_all and real `flask db
// migrate` (Alembic 1.8.1) on PostgreSQL, which import the same library.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { findSitePackages } from '../../../src/core/project/sitePackages';
import { initPythonParser } from '../../../src/core/python/parser';
import { schemaToJson } from '../../../src/core/schema/json';
import { introspectSchema } from '../../../src/db/introspect';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/venv-mixin');
const SITE = path.join(FIXTURE, '.venv/lib/python3.11/site-packages');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const LIBRARY_COLUMNS = {
  oauth2_client: ['client_id', 'client_id_issued_at', 'client_metadata', 'client_secret', 'client_secret_expires_at'],
  oauth2_token: ['access_token', 'access_token_revoked_at', 'client_id', 'expires_in', 'issued_at', 'refresh_token', 'scope', 'token_type'],
};

const readFile = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : null);

function analyse(dir: string, libraries?: ConstructorParameters<typeof ProjectAnalysis>[1]['libraries']) {
  const [location] = discoverProjects(dir);
  assert.ok(location, `a project at ${dir}`);
  return new ProjectAnalysis(location, { readFile, ...(libraries ? { libraries } : {}) }).result();
}

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build"');
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', VIRTUAL_ENV: '' } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('base classes from the project virtual environment', () => {
  const scratch: string[] = [];
  const dbs: TestDatabase[] = [];
  before(async () => initPythonParser());
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    for (const db of dbs) await db.drop();
  });

  /** A copy of the fixture; `withoutLast`: without its last revision (the tokens table and the column the library added). */
  const copy = (withoutLast = false) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-venv-'));
    scratch.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    rmSync(path.join(dir, '.migration-guard'), { recursive: true, force: true });
    if (withoutLast) rmSync(path.join(dir, 'migrations/versions/b2c3d4e5f6a7_oauth2_tokens_client_secret_expiry.py'));
    return dir;
  };

  it("finds the project's .venv, venv, Windows Lib/site-packages, and the configured interpreter's (only when trusted if outside)", () => {
    assert.deepEqual(findSitePackages(FIXTURE, { allowOutside: true }), [SITE]);
    // Untrusted: a .venv inside the workspace folder is fine.
    assert.deepEqual(findSitePackages(FIXTURE, { allowOutside: false, boundary: FIXTURE }), [SITE]);
    const outside = mkdtempSync(path.join(tmpdir(), 'mg-venv-python-'));
    scratch.push(outside);
    mkdirSync(path.join(outside, 'bin'));
    mkdirSync(path.join(outside, 'lib/python3.12/site-packages'), { recursive: true });
    const python = path.join(outside, 'bin/python');
    writeFileSync(python, '');
    const theirs = path.join(outside, 'lib/python3.12/site-packages');
    assert.deepEqual(findSitePackages(FIXTURE, { allowOutside: true, boundary: FIXTURE, interpreter: python }), [theirs, SITE]);
    // Untrusted: a configured Python outside the workspace is never read.
    assert.deepEqual(findSitePackages(FIXTURE, { allowOutside: false, boundary: FIXTURE, interpreter: python }), [SITE]);
    const project = copy();
    rmSync(path.join(project, '.venv'), { recursive: true });
    mkdirSync(path.join(project, 'venv/Lib/site-packages'), { recursive: true });
    mkdirSync(path.join(project, 'env/lib/python3.11/site-packages'), { recursive: true });
    // `env` without pyvenv.cfg is not an environment; `${workspaceFolder}` in the setting is the folder.
    assert.deepEqual(findSitePackages(project, { allowOutside: false, boundary: project, interpreter: '${workspaceFolder}/venv/Scripts/python.exe' }), [
      path.join(project, 'venv/Lib/site-packages'),
    ]);
    writeFileSync(path.join(project, 'env/pyvenv.cfg'), 'home = /usr/bin\n');
    assert.deepEqual(findSitePackages(project, { allowOutside: true }), [
      path.join(project, 'venv/Lib/site-packages'),
      path.join(project, 'env/lib/python3.11/site-packages'),
    ]);
  });

  it('the in-sync fixture: the mixins columns are read from the library, nothing is pending, no note', () => {
    const result = analyse(FIXTURE);
    for (const [table, columns] of Object.entries(LIBRARY_COLUMNS)) {
      const model = Object.keys(result.modelSchema.schema.tables[table]?.columns ?? {});
      for (const column of columns) assert.ok(model.includes(column), `${table}.${column} is read from the library mixin (got ${model.join(', ')})`);
    }
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(
      result.notes.filter((n) => n.kind === 'unseen-columns'),
      [],
    );
    // The library's index and unique come with its columns.
    assert.deepEqual(
      result.modelSchema.schema.tables.oauth2_token?.uniques.map((u) => u.columns),
      [['access_token']],
    );
    assert.deepEqual(
      result.modelSchema.schema.tables.oauth2_client?.indexes.map((i) => i.name),
      ['ix_oauth2_client_client_id'],
    );
  });

  it('a table the models add gets the mixin columns, and a column the library added is pending (both missed before)', () => {
    const result = analyse(copy(true));
    const summary = result.changes.map((c) => `${c.kind} ${c.table}${'column' in c && c.column ? `.${c.column}` : ''}`).sort();
    assert.deepEqual(summary, ['addColumn oauth2_client.client_secret_expires_at', 'createTable oauth2_token']);
    const created = result.changes.find((c) => c.kind === 'createTable');
    assert.ok(created?.kind === 'createTable');
    assert.deepEqual(Object.keys(created.tableDef.columns).sort(), [...LIBRARY_COLUMNS.oauth2_token, 'id', 'user_id'].sort());
    // The library's NOT NULL column is anchored at the model that maps it, in the project's own file.
    const mf103 = result.findings.find((f) => f.code === 'MF103');
    assert.equal(mf103?.column, 'client_secret_expires_at');
    assert.equal(path.basename(mf103?.file ?? ''), 'models.py');
    assert.equal(mf103?.range.start.line, 13);
  });

  it('without the library installed: a note at each base, and no DS finding for the columns that cannot be seen', () => {
    const dir = copy();
    rmSync(path.join(dir, '.venv'), { recursive: true });
    // The models also lose a column of their own: that drop is still a drop.
    const models = path.join(dir, 'models.py');
    writeFileSync(models, readFileSync(models, 'utf8').replace('    username = db.Column(db.String(40), unique=True, nullable=False)\n', ''));
    const result = analyse(dir);
    assert.deepEqual(
      result.findings.filter((f) => f.code.startsWith('DS')).map((f) => `${f.code} ${f.table}.${f.column}`),
      ['DS103 user.username'],
    );
    const notes = result.notes.filter((n) => n.kind === 'unseen-columns' && /is a base class from outside/.test(n.message));
    assert.deepEqual(
      notes.map((n) => [n.severity, path.basename(n.location?.file ?? ''), n.location?.range.start.line, n.location?.range.start.character]).sort(),
      [
        ['info', 'models.py', 12, 23],
        ['info', 'models.py', 18, 22],
      ],
    );
    assert.match(notes[0]?.message ?? '', /fakeauth\.sqla\.OAuth2(Client|Token)Mixin .*outside the project/);
  });

  it('the CLI reads the library cold, warm, and when the environment appears after a cached run', () => {
    const dir = copy(true);
    const cold = cli('check', dir, '--format', 'json');
    assert.equal(cold.code, 1, cold.err);
    const warm = cli('check', dir, '--format', 'json');
    assert.deepEqual(warm, cold);
    assert.deepEqual(cli('check', dir, '--format', 'json', '--no-cache'), cold);
    // The project's files are cached by a run without the environment; the library's are not.
    const fresh = copy(true);
    renameSync(path.join(fresh, '.venv'), path.join(fresh, 'hidden-venv'));
    cli('check', fresh, '--format', 'json');
    renameSync(path.join(fresh, 'hidden-venv'), path.join(fresh, '.venv'));
    const later = cli('check', fresh, '--format', 'json');
    assert.equal(later.code, 1, later.err);
    assert.deepEqual(
      JSON.parse(later.out).map((f: { code: string }) => f.code),
      JSON.parse(cold.out).map((f: { code: string }) => f.code),
    );
    const models = JSON.parse(cli('schema', dir, '--from', 'models').out) as { tables: Record<string, { columns: object }> };
    assert.ok('client_secret_expires_at' in (models.tables.oauth2_client?.columns ?? {}));
  });

  it('the CLI reads an environment outside the project through --python (or VIRTUAL_ENV), as it reads a .venv', () => {
    // Without the last revision the library's columns are pending changes: they show whether the library was read.
    const probe = (dir: string, ...extra: string[]) => [
      cli('check', dir, '--format', 'json', '--no-cache', ...extra),
      cli('schema', dir, '--from', 'models', '--no-cache', ...extra),
    ];
    const inside = probe(copy(true));
    assert.equal(inside[0]?.code, 1, inside[0]?.err);
    const dir = copy(true);
    const outside = mkdtempSync(path.join(tmpdir(), 'mg-venv-elsewhere-'));
    scratch.push(outside);
    const env = path.join(outside, 'env');
    renameSync(path.join(dir, '.venv'), env);
    const blind = probe(dir);
    assert.notDeepEqual(blind[0]?.out, inside[0]?.out, 'without the environment the library columns are not seen');
    assert.notDeepEqual(blind[1]?.out, inside[1]?.out);
    mkdirSync(path.join(env, 'bin'));
    writeFileSync(path.join(env, 'bin/python'), '');
    assert.deepEqual(probe(dir, '--python', path.join(env, 'bin/python')), inside);
    assert.deepEqual(probe(dir, '--python', env), inside);
    const activated = spawnSync(process.execPath, [CLI, 'schema', dir, '--from', 'models', '--no-cache'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', VIRTUAL_ENV: env },
    });
    assert.equal(activated.stdout, inside[1]?.out);
  });

  it('oracle: our models schema equals real create_all, which imports the same library', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const db = await createTestDatabase('mg_venv_models');
    dbs.push(db);
    const createAll = spawnSync(SYSTEM_PYTHON, ['-c', 'from app import app, db\nwith app.app_context():\n    db.create_all()'], {
      cwd: FIXTURE,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
    });
    assert.equal(createAll.status, 0, createAll.stderr);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // What the models themselves declare (schema --from models), not the analysis's (which would fill unseen columns from the head).
      const models = cli('schema', FIXTURE, '--from', 'models', '--no-cache');
      assert.equal(models.code, 0, models.err);
      assert.deepEqual(JSON.parse(models.out), JSON.parse(JSON.stringify(schemaToJson(await introspectSchema(client)))));
    } finally {
      await client.end();
    }
  });

  it('oracle: real flask db migrate writes the same tables, columns and indexes as our revision', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const db = await createTestDatabase('mg_venv_migrate');
    dbs.push(db);
    const dir = copy(true);
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const upgrade = flask('upgrade');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const versions = path.join(dir, 'migrations', 'versions');
    const migrate = flask('migrate', '-m', 'theirs');
    assert.equal(migrate.status, 0, migrate.stderr);
    const theirsFile = readdirSync(versions).find((f) => f.endsWith('_theirs.py'));
    assert.ok(theirsFile, migrate.stderr);
    const theirs = readFileSync(path.join(versions, theirsFile), 'utf8');
    rmSync(path.join(versions, theirsFile));
    const ours = cli('revision', dir, '-m', 'ours', '--autogenerate');
    assert.equal(ours.code, 0, ours.err);
    const oursText = readFileSync(ours.out.trim(), 'utf8');
    assert.deepEqual(operations(oursText), operations(theirs));
  });
});

/** The table and column operations of a revision's upgrade(): created tables with their column names and types, added columns, indexes. */
function operations(text: string): string[] {
  const upgrade = text.slice(text.indexOf('def upgrade'), text.indexOf('def downgrade'));
  const out: string[] = [];
  let table = '';
  for (const line of upgrade.split('\n')) {
    const created = /create_table\('(\w+)'/.exec(line);
    if (created) table = created[1] ?? '';
    const batch = /batch_alter_table\('(\w+)'/.exec(line);
    if (batch) table = batch[1] ?? '';
    const column = /sa\.Column\('(\w+)', (sa\.\w+)\(/.exec(line);
    if (column) out.push(`${/add_column/.test(line) ? 'add' : 'create'} ${table}.${column[1]} ${column[2]}`);
    const index = /create_index\((?:batch_op\.f|op\.f)?\(?'(\w+)'\)?, (?:'\w+', )?\[([^\]]*)\], unique=(\w+)/.exec(line);
    if (index) out.push(`index ${table}.${index[1]} ${index[2]} ${index[3]}`);
    if (/UniqueConstraint\('(\w+)'/.test(line)) out.push(`unique ${table}.${/UniqueConstraint\('(\w+)'/.exec(line)?.[1]}`);
  }
  return out.sort();
}
