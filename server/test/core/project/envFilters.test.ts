// env.py filters (issue 11, class 2): `include_object` / `include_name` decide what `flask db migrate`
// compares. The common static forms are read and applied to check and revision; a filter that cannot be
// read is a note, and the tables only the history has are then uncertain (info), never a DS warning.
// The oracle: real `flask db migrate` (Alembic 1.8.1) on PostgreSQL at the fixture's head writes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { readEnvFilters } from '../../../src/core/project/envFilters';
import { initPythonParser } from '../../../src/core/python/parser';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/env-filters');
const CLI = path.join(ROOT, 'dist/cli.js');

function analyse(dir: string) {
  const [location] = discoverProjects(dir);
  assert.ok(location);
  return new ProjectAnalysis(location, { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null) }).result();
}

const FILTER = /def include_object\(object, name, type_, reflected, compare_to\):[\s\S]*?return True\n/;

describe('env.py include_object / include_name', () => {
  const scratch: string[] = [];
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });
  const withFilter = (body: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-env-filters-'));
    scratch.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const env = path.join(dir, 'migrations', 'env.py');
    writeFileSync(env, readFileSync(env, 'utf8').replace(FILTER, `def include_object(object, name, type_, reflected, compare_to):\n${body}\n`));
    return dir;
  };

  it('tables the filter leaves out (a module-level set, a prefix) are neither dropped nor reported', () => {
    const result = analyse(FIXTURE);
    assert.ok('sessions_cache' in result.headSchema.tables && 'legacy_audit' in result.headSchema.tables);
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
  });

  for (const [form, body] of [
    ['return not (...)', '    return not (type_ == "table" and name in ("sessions_cache", "legacy_audit"))'],
    [
      'if ...: return False / else: return True',
      '    if name.startswith(("legacy_", "sessions_")) and type_ == "table":\n        return False\n    else:\n        return True',
    ],
    ["keep only the models' tables", '    if type_ == "table":\n        return name in target_metadata.tables\n    return True'],
  ] as const) {
    it(`reads the form "${form}"`, () => {
      const dir = withFilter(body);
      const filters = readEnvFilters(path.join(dir, 'migrations'));
      assert.equal(filters.unreadable, null);
      assert.deepEqual(analyse(dir).findings, []);
    });
  }

  it('a filter on other object types (columns, indexes) leaves tables compared', () => {
    const dir = withFilter('    if type_ == "index" and name.startswith("legacy_"):\n        return False\n    return True');
    const result = analyse(dir);
    assert.deepEqual(
      result.findings
        .filter((f) => f.code.startsWith('DS'))
        .map((f) => [f.code, f.table, f.severity])
        .sort(),
      [
        ['DS102', 'legacy_audit', 'warning'],
        ['DS102', 'sessions_cache', 'warning'],
      ],
    );
  });

  it('a filter that cannot be read is a note; the tables only the history has are uncertain (info), not DS warnings', () => {
    const dir = withFilter('    return object.info.get("managed", True)');
    const result = analyse(dir);
    const note = result.notes.find((n) => /include_object \(include_object\) cannot be read without running it/.test(n.message));
    assert.ok(note, JSON.stringify(result.notes.map((n) => n.message)));
    assert.equal(note.location?.file, path.join(dir, 'migrations', 'env.py'));
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'warning' || f.severity === 'error' || f.destructive),
      [],
    );
    assert.ok(result.findings.every((f) => f.code !== 'DS102' || /may leave this table out of autogenerate/.test(f.message)));
  });

  it('check exits 0 on the fixture; revision writes the model change and no drop_table for the filtered tables', () => {
    const dir = withFilter(
      '    if type_ == "table" and name in IGNORED_TABLES:\n        return False\n    if type_ == "table" and name.startswith("legacy_"):\n        return False\n    return True',
    );
    const check = spawnSync(process.execPath, [CLI, 'check', dir], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const models = path.join(dir, 'models.py');
    writeFileSync(
      models,
      readFileSync(models, 'utf8').replace('    body = db.Column(db.Text)\n', '    body = db.Column(db.Text)\n    summary = db.Column(db.String(300))\n'),
    );
    const revision = spawnSync(process.execPath, [CLI, 'revision', dir, '-m', 'summary', '--autogenerate', '--no-input'], { encoding: 'utf8' });
    assert.equal(revision.status, 0, revision.stderr);
    const versions = path.join(dir, 'migrations', 'versions');
    const written = readFileSync(path.join(versions, readdirSync(versions).find((f) => f.endsWith('_summary.py')) as string), 'utf8');
    assert.match(written, /op\.add_column\('summary'|batch_op\.add_column\(sa\.Column\('summary'/);
    assert.doesNotMatch(written, /drop_table|sessions_cache|legacy_audit/);
  });

  it("real flask db migrate at the fixture's head writes no revision either (the filter is Alembic's own semantics)", async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_env_filters');
    const dir = withFilter(
      '    if type_ == "table" and name in IGNORED_TABLES:\n        return False\n    if type_ == "table" and name.startswith("legacy_"):\n        return False\n    return True',
    );
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const upgrade = flask('upgrade');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const before = readdirSync(path.join(dir, 'migrations', 'versions')).sort();
    const migrate = flask('migrate', '-m', 'nothing');
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stderr, /No changes in schema detected/);
    assert.deepEqual(readdirSync(path.join(dir, 'migrations', 'versions')).sort(), before);
    // Without the filter, their autogenerate drops both tables: what our check reports then.
    const envPy = path.join(dir, 'migrations', 'env.py');
    writeFileSync(envPy, readFileSync(envPy, 'utf8').replace('            include_object=include_object,\n', ''));
    const unfiltered = flask('migrate', '-m', 'drops');
    assert.equal(unfiltered.status, 0, unfiltered.stderr);
    const drops = readdirSync(path.join(dir, 'migrations', 'versions')).find((f) => f.endsWith('_drops.py'));
    assert.ok(drops);
    const text = readFileSync(path.join(dir, 'migrations', 'versions', drops), 'utf8');
    assert.match(text, /op\.drop_table\('sessions_cache'\)/);
    assert.match(text, /op\.drop_table\('legacy_audit'\)/);
    rmSync(path.join(dir, 'migrations', 'versions', drops));
    assert.deepEqual(
      analyse(dir)
        .findings.filter((f) => f.code.startsWith('DS'))
        .map((f) => [f.code, f.table])
        .sort(),
      [
        ['DS102', 'legacy_audit'],
        ['DS102', 'sessions_cache'],
      ],
    );
  });
});
