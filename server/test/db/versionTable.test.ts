// A custom version table (issue 11, class 2): Flask-Migrate's `Migrate(app, db, version_table=...)` and
// env.py's `context.configure(version_table=..., version_table_schema=...)`. Our current / upgrade /
// downgrade / stamp / drift / --sql read and write that table, never alembic_version, and agree with real
// `flask db` / `alembic --name` (Alembic 1.8.1) on the same PostgreSQL database at every step.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { readVersionTable } from '../../src/core/history/versionTable';
import { discoverProjects } from '../../src/core/project/discover';
import { missingOracle, needsPythonAndPostgres, pythonOracleProblem, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test-fixtures');
const CLI = path.join(ROOT, 'dist/cli.js');

function ours(args: string[], url: string) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--database-url', url], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr };
}

function python(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(SYSTEM_PYTHON, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
  // Alembic logs on stderr; the answer is the last line of stdout.
  return result.stdout.trim().split('\n').pop() ?? '';
}

async function tablesIn(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ name: string }>(
      "select table_schema || '.' || table_name as name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') order by 1",
    );
    return rows.rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('a custom version_table', () => {
  const scratch: string[] = [];
  const databases: TestDatabase[] = [];
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    for (const db of databases) await db.drop();
  });
  const copy = (fixture: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `mg-${fixture}-`));
    scratch.push(dir);
    cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
    return dir;
  };

  it('is read from Migrate(app, db, version_table=...), from env.py literals and from alembic.ini options', () => {
    const [flask] = discoverProjects(path.join(FIXTURES, 'version-table'));
    assert.ok(flask);
    // Flask-Migrate's env.py passes configure_args online only: its offline (--sql) mode writes alembic_version.
    assert.deepEqual(readVersionTable(flask.root, flask), {
      table: { name: 'shop_schema_version', schema: null },
      offline: { name: 'alembic_version', schema: null },
      notes: [],
    });
    const [blog, analytics] = discoverProjects(path.join(FIXTURES, 'ini-sections'));
    assert.ok(blog && analytics);
    assert.deepEqual(readVersionTable(blog.root, blog).table, { name: 'alembic_version', schema: null });
    const table = { name: 'analytics_version', schema: 'analytics_meta' };
    assert.deepEqual(readVersionTable(analytics.root, analytics), { table, offline: table, notes: [] });
  });

  it('a value env.py computes is a warning at its line, and the default is kept', () => {
    const dir = copy('ini-sections');
    const env = path.join(dir, 'analytics', 'migrations', 'env.py');
    writeFileSync(env, readFileSync(env, 'utf8').replace(/version_table="analytics_version"/g, 'version_table=os.environ["VERSIONS"]'));
    const analytics = discoverProjects(dir)[1];
    assert.ok(analytics);
    const read = readVersionTable(analytics.root, analytics);
    assert.deepEqual(read.table, { name: 'alembic_version', schema: 'analytics_meta' });
    assert.equal(read.notes.length, 1);
    assert.match(read.notes[0]?.message ?? '', /version_table to os\.environ\["VERSIONS"\], which cannot be read/);
    assert.equal(read.notes[0]?.location?.file, env);
  });

  it('Flask-Migrate: current, upgrade, downgrade, stamp and drift use that table and agree with real flask db', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const db = await createTestDatabase('mg_version_table');
    databases.push(db);
    const dir = copy('version-table');
    const flask = (...args: string[]) => python(dir, ['-m', 'flask', 'db', ...args], { FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl });

    flask('upgrade', 'e640417dbcb6');
    assert.equal(ours(['current', dir], db.url).out, 'e640417dbcb6');
    const up = ours(['upgrade', dir], db.url);
    assert.equal(up.code, 0, up.err);
    assert.equal(flask('current'), '3f8a897020d0 (head)');
    assert.equal(ours(['current', dir], db.url).out, '3f8a897020d0 (head)');
    const drift = ours(['drift', dir], db.url);
    assert.equal(drift.code, 0, drift.out + drift.err);

    const down = ours(['downgrade', dir], db.url);
    assert.equal(down.code, 0, down.err);
    assert.equal(flask('current'), '55534dee8a8f');
    flask('upgrade');
    assert.equal(ours(['current', dir], db.url).out, '3f8a897020d0 (head)');
    const stamp = ours(['stamp', dir, 'e640417dbcb6'], db.url);
    assert.equal(stamp.code, 0, stamp.err);
    assert.equal(flask('current'), 'e640417dbcb6');
    assert.ok(!(await tablesIn(db.url)).includes('public.alembic_version'), 'no alembic_version was ever made');
    assert.ok((await tablesIn(db.url)).includes('public.shop_schema_version'));

    // --sql writes the table Flask-Migrate's offline mode writes: its env.py passes no configure_args there.
    const offline = ours(['upgrade', dir, '--sql', 'base:e640417dbcb6'], db.url);
    const theirs = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', 'upgrade', '--sql', 'base:e640417dbcb6'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl },
    });
    const versionStatements = (sql: string) => sql.match(/^(CREATE TABLE|INSERT INTO) \w+_version\b/gm);
    assert.deepEqual(versionStatements(offline.out), ['CREATE TABLE alembic_version', 'INSERT INTO alembic_version']);
    assert.deepEqual(versionStatements(offline.out), versionStatements(theirs.stdout));
  });

  it('SQLite: current, upgrade, downgrade and stamp use that table, as flask db does on the same file', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const dir = copy('version-table');
    const file = path.join(dir, 'app.db');
    const url = `sqlite:///${file}`;
    const flask = (...args: string[]) => python(dir, ['-m', 'flask', 'db', ...args], { FLASK_APP: 'app.py', DATABASE_URL: url });
    // The fixture's last revision runs PostgreSQL-only SQL (DROP TYPE), as on real Alembic: stop before it.
    flask('upgrade', 'e640417dbcb6');
    assert.equal(ours(['current', dir], url).out, 'e640417dbcb6');
    const up = ours(['upgrade', dir, '55534dee8a8f'], url);
    assert.equal(up.code, 0, up.err);
    assert.equal(flask('current'), '55534dee8a8f');
    const down = ours(['downgrade', dir], url);
    assert.equal(down.code, 0, down.err);
    assert.equal(flask('current'), 'e640417dbcb6');
    const stamp = ours(['stamp', dir, 'head'], url);
    assert.equal(stamp.code, 0, stamp.err);
    assert.equal(flask('current'), '3f8a897020d0 (head)');
    assert.equal(ours(['current', dir], url).out, '3f8a897020d0 (head)');
    const tables = python(dir, [
      '-c',
      `import sqlite3; print(sorted(r[0] for r in sqlite3.connect(${JSON.stringify(file)}).execute("select name from sqlite_master where type='table' and name like '%version%'")))`,
    ]);
    assert.equal(tables, "['shop_schema_version']");
  });

  it('alembic.ini sections on one database: each section reads and moves its own table, as alembic --name does', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const db = await createTestDatabase('mg_version_sections');
    databases.push(db);
    const dir = copy('ini-sections');
    const ini = path.join(dir, 'alembic.ini');
    writeFileSync(ini, readFileSync(ini, 'utf8').replace(/sqlalchemy\.url = .*/g, `sqlalchemy.url = ${db.sqlalchemyUrl.replace(/%/g, '%%')}`));
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('create schema analytics_meta');
    await admin.end();

    python(dir, ['-m', 'alembic', 'upgrade', 'head']);
    const upgrade = ours(['upgrade', dir, '--name', 'analytics'], db.url);
    assert.equal(upgrade.code, 0, upgrade.err);
    assert.equal(python(dir, ['-m', 'alembic', '--name', 'analytics', 'current']), 'a7a10000e001 (head)');
    assert.equal(python(dir, ['-m', 'alembic', 'current']), 'b10a0000c001 (head)');
    assert.equal(ours(['current', dir], db.url).out, 'b10a0000c001 (head)');
    assert.equal(ours(['current', dir, '--name', 'analytics'], db.url).out, 'a7a10000e001 (head)');
    assert.deepEqual(
      (await tablesIn(db.url)).filter((name) => name.includes('version')),
      ['analytics_meta.analytics_version', 'public.alembic_version'],
    );
    const downgrade = ours(['downgrade', dir, '--name', 'analytics', 'base'], db.url);
    assert.equal(downgrade.code, 0, downgrade.err);
    assert.equal(python(dir, ['-m', 'alembic', '--name', 'analytics', 'current']), '');
    assert.equal(python(dir, ['-m', 'alembic', 'current']), 'b10a0000c001 (head)');
  });
});
