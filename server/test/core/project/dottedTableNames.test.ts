// A default-schema table whose own name holds a dot (`__tablename__ = "weird.name"`, `op.create_table('weird.name')`)
// is keyed quoted ('"weird.name"', schema/tableKey.ts), so it never reads as the table "name" in a schema "weird":
// replay, models, SQL, our upgrade/downgrade, drift, revision and real Flask-Migrate agree, on PostgreSQL and SQLite.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it, type TestContext } from 'node:test';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { bareTableName, schemaOfKey, splitTableKey, tableKey } from '../../../src/core/schema/tableKey';
import { createFlaskProject, type RevisionSource } from '../../db/support/flaskProject';
import { missingOracle, needsPythonAndPostgres, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase } from '../../support/pgdb';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function analysis(dir: string) {
  const [location] = discoverProjects(dir);
  assert.ok(location);
  return new ProjectAnalysis(location, { readFile: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null) });
}

const ok = (run: { status: number | null; stdout: string; stderr: string }, what: string) => assert.equal(run.status, 0, `${what}: ${run.stdout}${run.stderr}`);

/** The tables `schema --from database` reads, by key. */
function liveTables(dir: string, url: string): string[] {
  const run = cli('schema', dir, '--from', 'database', '--database-url', url);
  ok(run, 'schema --from database');
  return Object.keys((JSON.parse(run.stdout) as { tables: object }).tables).sort();
}

/** The user tables of a SQLite file, read by Python's sqlite3. */
function sqliteTables(file: string): string[] {
  const script =
    "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(sorted(r[0] for r in c.execute(\"select name from sqlite_master where type='table' and name not like 'sqlite_%' and name != 'alembic_version'\"))))";
  const run = spawnSync(SYSTEM_PYTHON, ['-c', script, file], { encoding: 'utf8' });
  ok(run, 'sqlite3');
  return JSON.parse(run.stdout) as string[];
}

const WEIRD_REVISION: RevisionSource = {
  revision: 'a1b2c3d4e5f6',
  down: null,
  message: 'weird',
  upgrade: [
    "op.create_table('weird.name',",
    "    sa.Column('id', sa.Integer(), nullable=False),",
    "    sa.Column('label', sa.String(length=20), nullable=True),",
    "    sa.PrimaryKeyConstraint('id'))",
    "op.create_index('ix_weird_label', 'weird.name', ['label'])",
  ].join('\n'),
  downgrade: "op.drop_index('ix_weird_label', table_name='weird.name')\nop.drop_table('weird.name')",
};

// SQLite: a batch block on the dotted table is applied by copying it (_alembic_tmp_weird.name).
const WIDEN_REVISION: RevisionSource = {
  revision: 'b2c3d4e5f6a7',
  down: 'a1b2c3d4e5f6',
  message: 'widen',
  upgrade:
    "with op.batch_alter_table('weird.name') as batch_op:\n    batch_op.alter_column('label', existing_type=sa.String(length=20), type_=sa.String(length=40))",
  downgrade:
    "with op.batch_alter_table('weird.name') as batch_op:\n    batch_op.alter_column('label', existing_type=sa.String(length=40), type_=sa.String(length=20))",
};

const model = (className: string, table: string, label: number) => `

class ${className}(db.Model):
    __tablename__ = "${table}"
    __table_args__ = (db.Index("ix_${className.toLowerCase()}_label", "label"),)
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(${label}))
`;

function addModels(dir: string, ...models: string[]) {
  const app = path.join(dir, 'app.py');
  writeFileSync(app, `${readFileSync(app, 'utf8')}${models.join('')}`);
}

/** Our revision for the pending model changes; returns its text. */
function ourRevision(dir: string): string {
  const versions = path.join(dir, 'migrations', 'versions');
  const before = new Set(readdirSync(versions));
  ok(cli('revision', dir, '-m', 'other', '--autogenerate', '--no-input'), 'revision');
  const added = readdirSync(versions).filter((f) => !before.has(f));
  assert.equal(added.length, 1, `one new revision: ${added.join(', ')}`);
  return readFileSync(path.join(versions, added[0] as string), 'utf8');
}

describe('a default-schema table whose own name holds a dot', () => {
  before(async () => initPythonParser());

  it('keys round-trip: a part with a dot (or a leading quote) is quoted, every other key is as before', () => {
    assert.equal(tableKey('plain', null), 'plain');
    assert.equal(tableKey('t', 'audit'), 'audit.t');
    assert.equal(tableKey('t', 'public'), 't');
    assert.equal(tableKey('weird.name', null), '"weird.name"');
    for (const [name, schema] of [
      ['weird.name', null],
      ['t.x', 'audit'],
      ['t', 'we.ird'],
      ['"x', null],
      ['a"b.c', 'we"ird'],
      ['a.b."c"', 'x.y'],
      ['we"ird\'x', null],
    ] as const) {
      const key = tableKey(name, schema);
      assert.deepEqual(splitTableKey(key), { schema, name }, `${String(schema)} / ${name}`);
      assert.equal(bareTableName(key), name, `bare name of ${key}`);
      assert.equal(schemaOfKey(key), schema, `schema of ${key}`);
    }
    assert.deepEqual(splitTableKey('audit.t'), { schema: 'audit', name: 't' });
  });

  it('PostgreSQL: replay, models, SQL, our upgrade, drift, our revision under real flask db upgrade, flask db migrate and our downgrade agree', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const project = createFlaskProject([WEIRD_REVISION]);
    const target = await createTestDatabase('mg_dotted_name');
    try {
      addModels(project.dir, model('Weird', 'weird.name', 20), model('Other', 'other.things', 10));
      const result = analysis(project.dir).result();
      assert.deepEqual(Object.keys(result.headSchema.tables), ['"weird.name"']);
      assert.equal(result.headSchema.tables['"weird.name"']?.columns.id?.default, `nextval('"weird.name_id_seq"'::regclass)`);
      assert.deepEqual(
        result.changes.map((c) => [c.kind, c.table]),
        [['createTable', '"other.things"']],
        'only the new model is pending',
      );
      const sql = cli('sql', project.dir, 'head');
      ok(sql, 'sql');
      assert.match(sql.stdout, /CREATE TABLE "weird\.name"/);
      assert.match(sql.stdout, /ON "weird\.name"/);
      ok(cli('upgrade', project.dir, '--database-url', target.url, '--no-backup'), 'our upgrade');
      ok(cli('drift', project.dir, '--database-url', target.url), 'drift after our upgrade');
      assert.deepEqual(liveTables(project.dir, target.url), ['"weird.name"']);

      const written = ourRevision(project.dir);
      assert.match(written, /op\.create_table\('other\.things',/);
      assert.match(written, /op\.drop_table\('other\.things'\)/);
      assert.doesNotMatch(written, /'"|schema='other'/, 'the name is written as it is, never quoted or split');
      ok(await project.flaskDb(['upgrade'], target.sqlalchemyUrl), 'real flask db upgrade of our revision');
      ok(cli('drift', project.dir, '--database-url', target.url), 'drift after the real upgrade');
      const migrate = await project.flaskDb(['migrate', '-m', 'nothing'], target.sqlalchemyUrl);
      ok(migrate, 'flask db migrate');
      assert.match(migrate.stderr, /No changes in schema detected/);
      ok(cli('check', project.dir), 'check in sync');
      ok(cli('downgrade', project.dir, 'base', '--database-url', target.url, '--no-backup'), 'our downgrade');
      assert.deepEqual(liveTables(project.dir, target.url), []);
    } finally {
      await target.drop();
      project.remove();
    }
  });

  it('SQLite: our upgrade (a batch copy of the dotted table), drift, real flask db migrate, our revision and our downgrade agree', async (t: TestContext) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const project = createFlaskProject([WEIRD_REVISION, WIDEN_REVISION]);
    try {
      const file = path.join(project.dir, 'app.db');
      const url = `sqlite:///${file}`;
      addModels(project.dir, model('Weird', 'weird.name', 40));
      ok(cli('upgrade', project.dir, '--database-url', url, '--no-backup'), 'our upgrade');
      ok(cli('drift', project.dir, '--database-url', url), 'drift after our upgrade');
      assert.deepEqual(sqliteTables(file), ['weird.name']);
      const migrate = await project.flaskDb(['migrate', '-m', 'nothing'], url);
      ok(migrate, 'flask db migrate');
      assert.match(migrate.stderr, /No changes in schema detected/);

      addModels(project.dir, model('Other', 'other.things', 10));
      const written = ourRevision(project.dir);
      assert.match(written, /op\.create_table\('other\.things',/);
      ok(await project.flaskDb(['upgrade'], url), 'real flask db upgrade of our revision');
      ok(cli('drift', project.dir, '--database-url', url), 'drift after the real upgrade');
      ok(cli('downgrade', project.dir, 'base', '--database-url', url, '--no-backup'), 'our downgrade');
      assert.deepEqual(sqliteTables(file), []);
    } finally {
      project.remove();
    }
  });
});
