// Column-level env.py filters (issue 11, class 2): include_object returning False for
// `type_ == "column"` (by name, by `object.table.name`, or both) and include_name for columns leave
// those columns out of what check and revision compare, as autogenerate does. The oracle: real
// `flask db migrate` (Alembic 1.8.1) on PostgreSQL writes nothing for the same edit and filter, and
// drops both columns without the filter.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/env-filters');
const FILTER = /def include_object\(object, name, type_, reflected, compare_to\):[\s\S]*?return True\n/;
const TABLE_RULES =
  '    if type_ == "table" and name in IGNORED_TABLES:\n        return False\n    if type_ == "table" and name.startswith("legacy_"):\n        return False\n';

function analyse(dir: string) {
  const [location] = discoverProjects(dir);
  assert.ok(location);
  return new ProjectAnalysis(location, { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null) }).result();
}

const dsColumns = (dir: string) =>
  analyse(dir)
    .findings.filter((f) => f.code === 'DS103')
    .map((f) => `${f.table}.${f.column}`)
    .sort();

describe('column-level env.py filters', () => {
  const scratch: string[] = [];
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  /** The fixture with post.views and user.created_at gone from the models, and env.py's filter replaced. */
  const project = (objectBody: string, extra = '', nameFilter = false) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-env-columns-'));
    scratch.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const env = path.join(dir, 'migrations', 'env.py');
    let text = readFileSync(env, 'utf8').replace(
      FILTER,
      `def include_object(object, name, type_, reflected, compare_to):\n${objectBody}    return True\n${extra}`,
    );
    if (nameFilter)
      text = text.replace(
        '            include_object=include_object,\n',
        '            include_object=include_object,\n            include_name=include_name,\n',
      );
    writeFileSync(env, text);
    const models = path.join(dir, 'models.py');
    writeFileSync(
      models,
      readFileSync(models, 'utf8')
        .replace('    views = db.Column(db.Integer, nullable=False, server_default="0")\n', '')
        .replace('    created_at = db.Column(db.DateTime, nullable=False, server_default=db.func.now())\n', ''),
    );
    return dir;
  };

  it('without a column filter, both dropped columns are DS103 (the test below can fail)', () => {
    assert.deepEqual(dsColumns(project(TABLE_RULES)), ['post.views', 'user.created_at']);
  });

  it('include_object by column name, and by table and name: the columns are not compared', () => {
    const dir = project(
      `${TABLE_RULES}    if type_ == "column" and name == "views":\n        return False\n    if type_ == "column" and object.table.name == "user" and name in ("created_at", "updated_at"):\n        return False\n`,
    );
    const result = analyse(dir);
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.findings, []);
    // The head still has them (the replay is unchanged); only the comparison skips them.
    assert.ok(result.headSchema.tables.post?.columns.views);
  });

  it('a table test alone skips every column of that table; other tables keep theirs', () => {
    assert.deepEqual(dsColumns(project(`${TABLE_RULES}    if object.table.name == "user" and type_ == "column":\n        return False\n`)), ['post.views']);
  });

  it('return not (type_ == "column" and name in CONSTANT) is read too', () => {
    const dir = project(
      `    if type_ == "table" and name in IGNORED_TABLES:\n        return False\n    if type_ == "table" and name.startswith("legacy_"):\n        return False\n    return not (type_ == "column" and name in SKIPPED_COLUMNS)\n`,
      '\n\nSKIPPED_COLUMNS = ("views", "created_at")\n',
    );
    assert.deepEqual(dsColumns(dir), []);
  });

  it('include_name for columns (parent_names["table_name"]) hides the database column: no drop', () => {
    const dir = project(
      TABLE_RULES,
      '\n\ndef include_name(name, type_, parent_names):\n    if type_ == "column" and parent_names["table_name"] == "post" and name == "views":\n        return False\n    return True\n',
      true,
    );
    assert.deepEqual(dsColumns(dir), ['user.created_at']);
  });

  it('a column condition that cannot be read is a note at its line, and the drops it may hide are info, never DS warnings', () => {
    const dir = project(`${TABLE_RULES}    if type_ == "column" and object.info.get("skip_autogenerate"):\n        return False\n`);
    const result = analyse(dir);
    const drops = result.findings.filter((f) => f.code === 'DS103').map((f) => [`${f.table}.${f.column}`, f.severity, f.destructive]);
    assert.deepEqual(drops.sort(), [
      ['post.views', 'info', false],
      ['user.created_at', 'info', false],
    ]);
    assert.match(
      result.findings.find((f) => f.code === 'DS103')?.message ?? '',
      /Uncertain: env\.py's include_object may leave this column out of autogenerate/,
    );
    const note = result.notes.find((n) => n.kind === 'config' && /tests columns with a condition/.test(n.message));
    assert.ok(note, JSON.stringify(result.notes));
    const envLines = readFileSync(path.join(dir, 'migrations', 'env.py'), 'utf8').split('\n');
    assert.match(envLines[note.location?.range.start.line ?? -1] ?? '', /object\.info\.get\("skip_autogenerate"\)/);
    assert.equal(note.severity, 'info');
  });

  it('a filter that cannot be read at all makes column drops uncertain, unless it keeps every column first (indico)', () => {
    const severities = (dir: string) =>
      analyse(dir)
        .findings.filter((f) => f.code === 'DS103')
        .map((f) => `${f.column} ${f.severity}`)
        .sort();
    assert.deepEqual(severities(project(`    if object.info.get("skip") or reflected:\n        return False\n`)), ['created_at info', 'views info']);
    assert.deepEqual(
      severities(
        project(`    if type_ != "table":\n        return True\n    if object.schema and object.schema.startswith("plugin_"):\n        return False\n`),
      ),
      ['created_at warning', 'views warning'],
    );
  });

  it('a name test with no type_ check applies to columns too, as Alembic calls the filter for every object', () => {
    // `if name in SKIPPED: return False`: post.views is not compared; user.created_at still is.
    assert.deepEqual(dsColumns(project(`${TABLE_RULES}    if name in SKIPPED:\n        return False\n`, '\n\nSKIPPED = ("views", "rate_limits")\n')), [
      'user.created_at',
    ]);
    // `return name not in (...)` as the last statement: the same.
    assert.deepEqual(dsColumns(project(`${TABLE_RULES}    return name not in ("created_at",)\n`)), ['post.views']);
    // With a type test it stays a table rule: both drops are reported.
    assert.deepEqual(dsColumns(project(`${TABLE_RULES}    if type_ == "table" and name in ("views", "created_at"):\n        return False\n`)), [
      'post.views',
      'user.created_at',
    ]);
  });

  it('oracle: real flask db migrate leaves out the column an untyped name test names, and drops the other', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const untypedDb = await createTestDatabase('mg_env_untyped');
    try {
      const dir = project(`${TABLE_RULES}    if name in SKIPPED:\n        return False\n`, '\n\nSKIPPED = ("views", "rate_limits")\n');
      const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: untypedDb.sqlalchemyUrl };
      const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
      const upgrade = flask('upgrade');
      assert.equal(upgrade.status, 0, upgrade.stderr);
      const migrate = flask('migrate', '-m', 'untyped');
      assert.equal(migrate.status, 0, migrate.stderr);
      const versions = path.join(dir, 'migrations', 'versions');
      const written = readdirSync(versions).find((f) => f.endsWith('_untyped.py'));
      assert.ok(written, migrate.stderr);
      const text = readFileSync(path.join(versions, written), 'utf8');
      const upgradeBody = text.slice(text.indexOf('def upgrade'), text.indexOf('def downgrade'));
      assert.match(upgradeBody, /drop_column\('created_at'\)|drop_column\('user', 'created_at'\)/);
      assert.doesNotMatch(upgradeBody, /views/);
      rmSync(path.join(versions, written));
      assert.deepEqual(dsColumns(dir), ['user.created_at']);
    } finally {
      await untypedDb.drop();
    }
  });

  it('oracle: real flask db migrate with the same filter writes no revision, and drops both columns without it', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_env_columns');
    const dir = project(
      `${TABLE_RULES}    if type_ == "column" and name == "views":\n        return False\n    if type_ == "column" and object.table.name == "user" and name in ("created_at", "updated_at"):\n        return False\n`,
    );
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const upgrade = flask('upgrade');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const versions = path.join(dir, 'migrations', 'versions');
    const before = readdirSync(versions).sort();
    const migrate = flask('migrate', '-m', 'nothing');
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stderr, /No changes in schema detected/);
    assert.deepEqual(readdirSync(versions).sort(), before);
    const envPy = path.join(dir, 'migrations', 'env.py');
    writeFileSync(envPy, readFileSync(envPy, 'utf8').replace(/ {4}if type_ == "column"[^\n]*\n {8}return False\n/g, ''));
    assert.deepEqual(dsColumns(dir), ['post.views', 'user.created_at']);
    const unfiltered = flask('migrate', '-m', 'drops');
    assert.equal(unfiltered.status, 0, unfiltered.stderr);
    const drops = readdirSync(versions).find((f) => f.endsWith('_drops.py'));
    assert.ok(drops);
    const text = readFileSync(path.join(versions, drops), 'utf8');
    assert.match(text, /drop_column\('views'\)|drop_column\('post', 'views'\)/);
    assert.match(text, /drop_column\('created_at'\)|drop_column\('user', 'created_at'\)/);
  });
});
