// Issue 11, "evaluate what Alembic would evaluate": dialect tests in revision bodies
// (`conn.dialect.name == 'sqlite'`, `op.get_context().dialect.name != 'postgresql'`, a flag bound to
// `context.get_context().dialect.name == 'sqlite'`, `str(op.get_bind().engine.url).startswith('sqlite')`)
// are read for the database the project runs on, as Alembic runs them there. test-fixtures/sqlite-dialect-history
// is configured for a SQLite file (config.py); its history takes other paths on PostgreSQL. The oracle
// runs real `flask db upgrade` on a SQLite file and on PostgreSQL and our `drift` against each.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openProjectCache } from '../../../src/core/cache/projectCache';
import { parseRevisionCached, revisionCached } from '../../../src/core/history/load';
import { parseRevisionFile } from '../../../src/core/history/revisionFile';
import type { ReplayDialect } from '../../../src/core/history/replay/dialect';
import type { ParsedRevision } from '../../../src/core/history/types';
import { openProject } from '../../../src/core/project/service';
import { initPythonParser } from '../../../src/core/python/parser';
import type { Schema } from '../../../src/core/schema/types';
import { FIXTURES_DIR } from '../../support/fixtures';
import { missingOracle, postgresProblem, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase } from '../../support/pgdb';

const FIXTURE = path.join(FIXTURES_DIR, 'sqlite-dialect-history');
const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
const REV2 = path.join(FIXTURE, 'migrations/versions/2b3c4d5e6f7a_per_dialect_columns.py');
const SQLITE: ReplayDialect = 'sqlite';
const POSTGRES: ReplayDialect = 'postgresql';
const PG_URL = 'postgresql://nobody@127.0.0.1:1/none';

/** Environment with no database URL of its own (the fixture's config.py then names its SQLite file). */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FLASK_APP: 'microblog.py', PYTHONDONTWRITEBYTECODE: '1', ...extra };
  if (!('DATABASE_URL' in extra)) delete env.DATABASE_URL;
  delete env.SQLALCHEMY_DATABASE_URI;
  return env;
}

const temps: string[] = [];
function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-dialect-'));
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const opNames = (revision: ParsedRevision) =>
  revision.upgrade.ops.map((op) => {
    const o = op as { kind: string; table?: string; column?: { name: string } | string; name?: string };
    const column = typeof o.column === 'string' ? o.column : o.column?.name;
    return [o.kind, o.table ?? o.name, column].filter(Boolean).join(' ');
  });

/** What tells the two readings apart in a head schema. */
function reading(schema: Schema): string {
  const user = schema.tables.user;
  const note = schema.tables.note;
  return JSON.stringify({
    email: user?.columns.email?.type,
    searchVector: Boolean(user?.columns.search_vector),
    localSetting: Boolean(schema.tables.local_setting),
    noteBodyIndex: Boolean(note?.indexes.some((i) => i.name === 'ix_note_body')),
    pinned: note?.columns.pinned?.type,
  });
}
const SQLITE_READING = JSON.stringify({ email: 'character varying(120)', searchVector: false, localSetting: true, noteBodyIndex: false, pinned: 'integer' });
const PG_READING = JSON.stringify({ email: 'character varying(255)', searchVector: true, localSetting: false, noteBodyIndex: true, pinned: 'boolean' });

function cli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('dialect tests are read for the project database', () => {
  before(async () => initPythonParser());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('a revision body takes the branch of the dialect it is read for, with a note naming it', () => {
    const text = readFileSync(REV2, 'utf8');
    const onSqlite = parseRevisionFile(REV2, text, SQLITE);
    const onPostgres = parseRevisionFile(REV2, text, POSTGRES);
    assert.deepEqual(opNames(onSqlite), ['addColumn user email', 'createIndex user', 'createTable local_setting']);
    assert.deepEqual(opNames(onPostgres), ['addColumn user email', 'addColumn user search_vector', 'createIndex note']);
    // No dialect: PostgreSQL, as before.
    assert.deepEqual(opNames(parseRevisionFile(REV2, text)), opNames(onPostgres));
    const notes = (r: ParsedRevision) => r.upgrade.notes.filter((n) => n.kind === 'dialect-branch').map((n) => n.message);
    assert.ok(
      notes(onSqlite).every((m) => m.includes("SQLite, the project's database")),
      notes(onSqlite).join('\n'),
    );
    assert.equal(notes(onSqlite).length, 3);
    assert.ok(notes(onPostgres).every((m) => m.startsWith('dialect test read for PostgreSQL')));
    // MySQL: neither "sqlite" nor "postgresql".
    assert.deepEqual(opNames(parseRevisionFile(REV2, text, 'mysql')), [
      'addColumn user email',
      'addColumn user search_vector',
      'createTable local_setting',
      'createIndex note',
    ]);
  });

  it("the project's configured SQLite file gives the SQLite branch; --database-url postgresql:// the PostgreSQL one", async () => {
    const dir = copyFixture();
    const saved = { DATABASE_URL: process.env.DATABASE_URL, SQLALCHEMY_DATABASE_URI: process.env.SQLALCHEMY_DATABASE_URI };
    delete process.env.DATABASE_URL;
    delete process.env.SQLALCHEMY_DATABASE_URI;
    try {
      const sqlite = openProject(dir);
      assert.ok(sqlite.ok);
      assert.equal(sqlite.project.dialect().dialect, 'sqlite');
      const onSqlite = (await sqlite.project.loadedAnalysis()).result();
      assert.equal(reading(onSqlite.headSchema), SQLITE_READING);
      assert.deepEqual(onSqlite.changes, [], 'the models are the SQLite head');
      // The database verbs' history (upgrade, sql, drift) is read for the same dialect.
      const rev2 = (await sqlite.project.history()).revisions.find((r) => r.revision === '2b3c4d5e6f7a');
      assert.ok(rev2);
      assert.deepEqual(opNames(rev2), ['addColumn user email', 'createIndex user', 'createTable local_setting']);

      const pg = openProject(dir, { databaseUrl: PG_URL });
      assert.ok(pg.ok);
      const onPg = (await pg.project.loadedAnalysis()).result();
      assert.equal(reading(onPg.headSchema), PG_READING);
      assert.ok(onPg.findings.some((f) => f.code === 'DS103' && f.column === 'search_vector'));

      // The editor connecting a PostgreSQL database, then disconnecting: the reading follows.
      const analysis = sqlite.project.analysis();
      analysis.setDialect('postgresql');
      assert.equal(reading(analysis.result().headSchema), PG_READING);
      analysis.setDialect(null);
      assert.equal(reading(analysis.result().headSchema), SQLITE_READING);
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
    }
  });

  it('the persistent cache keeps a reading per dialect: a PostgreSQL reading is never served to a SQLite project', () => {
    const dir = copyFixture();
    const file = path.join(dir, 'migrations/versions/2b3c4d5e6f7a_per_dialect_columns.py');
    const text = readFileSync(file, 'utf8');
    const first = openProjectCache(dir);
    const pg = parseRevisionCached(file, text, first.revisions, POSTGRES);
    first.flush();
    const second = openProjectCache(dir);
    // PostgreSQL's reading is keyed on the text alone, as every earlier build cached it.
    assert.ok(second.revisions.has(file, text), 'the PostgreSQL reading was written');
    assert.deepEqual(opNames(parseRevisionCached(file, text, second.revisions, POSTGRES)), opNames(pg));
    assert.ok(!revisionCached(file, text, second.revisions, SQLITE), 'no SQLite reading yet');
    assert.deepEqual(opNames(parseRevisionCached(file, text, second.revisions, SQLITE)), [
      'addColumn user email',
      'createIndex user',
      'createTable local_setting',
    ]);
    assert.deepEqual(opNames(parseRevisionCached(file, text, second.revisions, POSTGRES)), opNames(pg));
    // A file with no dialect test is one entry for every dialect.
    const plain = path.join(dir, 'migrations/versions/1a2b3c4d5e6f_initial.py');
    const plainText = readFileSync(plain, 'utf8');
    parseRevisionCached(plain, plainText, second.revisions, SQLITE);
    assert.ok(second.revisions.has(plain, plainText));
  });

  it('the CLI with its cache: SQLite, then --database-url postgresql://, then SQLite again, each read for its dialect', () => {
    const dir = copyFixture();
    const headOf = (extra: string[]) => {
      const run = cli(['schema', dir, '--from', 'migrations', '--format', 'json', ...extra]);
      assert.equal(run.code, 0, run.err);
      return reading(JSON.parse(run.out) as Schema);
    };
    assert.equal(headOf([]), SQLITE_READING);
    assert.ok(
      readdirSync(path.join(dir, '.migration-guard/cache')).some((f) => f.startsWith('revision-bodies')),
      'the run wrote its cache',
    );
    assert.equal(headOf(['--database-url', PG_URL]), PG_READING);
    assert.equal(headOf([]), SQLITE_READING);
    // DATABASE_URL in the environment counts as the app's configuration does.
    const env = cli(['schema', dir, '--from', 'migrations', '--format', 'json'], cleanEnv({ DATABASE_URL: PG_URL }));
    assert.equal(reading(JSON.parse(env.out) as Schema), PG_READING);
    const check = cli(['check', dir]);
    assert.equal(check.code, 0, `${check.out}\n${check.err}`);
    const checkPg = cli(['check', dir, '--database-url', PG_URL, '--format', 'json']);
    assert.equal(checkPg.code, 1, checkPg.err);
  });

  it('oracle: real flask db upgrade on a SQLite file builds what we replay for SQLite (drift is empty)', (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const dir = copyFixture();
    const upgrade = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', 'upgrade'], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const db = path.join(dir, 'app.db');
    assert.ok(existsSync(db));
    const drift = cli(['drift', dir, '--database-url', `sqlite:///${db}`, '--format', 'json', '--python', SYSTEM_PYTHON]);
    assert.equal(drift.code, 0, `${drift.out}\n${drift.err}`);
    assert.deepEqual(JSON.parse(drift.out), []);
    // The SQLite-only table is really there (read for PostgreSQL, our head has none: drift would not be empty).
    const tables = spawnSync(
      SYSTEM_PYTHON,
      [
        '-c',
        'import sqlite3,sys; print(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute("select name from sqlite_master where type=\'table\'")))',
        db,
      ],
      {
        encoding: 'utf8',
      },
    );
    assert.match(tables.stdout, /'local_setting'/);
  });

  it('oracle: real flask db upgrade on PostgreSQL builds what we replay for PostgreSQL (drift is empty)', async (t) => {
    if (missingOracle(t, pythonOracleProblem()) || missingOracle(t, await postgresProblem())) return;
    const dir = copyFixture();
    const database = await createTestDatabase('mg_dialect');
    try {
      const upgrade = spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', 'upgrade'], {
        cwd: dir,
        env: cleanEnv({ DATABASE_URL: database.sqlalchemyUrl }),
        encoding: 'utf8',
      });
      assert.equal(upgrade.status, 0, upgrade.stderr);
      const drift = cli(['drift', dir, '--database-url', database.url, '--format', 'json']);
      assert.equal(drift.code, 0, `${drift.out}\n${drift.err}`);
      assert.deepEqual(JSON.parse(drift.out), []);
    } finally {
      await database.drop();
    }
  });
});
