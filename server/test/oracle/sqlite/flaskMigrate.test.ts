// The oracle on SQLite: the revision we write for a model change runs under real `flask db upgrade`
// and `downgrade` on a SQLite file (Flask-Migrate 4, render_as_batch); the upgraded schema equals
// create_all's (sqlite_master + PRAGMA table_info / index_list / foreign_key_list, normalized), the
// downgrade gives back the schema before, and the rows survive both ways.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { downgradeCommand } from '../../../src/cli/commands/downgrade';
import { driftCommand } from '../../../src/cli/commands/drift';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { upgradeCommand } from '../../../src/cli/commands/upgrade';
import { missingOracle, pythonOracleProblem, SYSTEM_PYTHON } from '../../support/oracles';
import { runCli } from './cli';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/sqlite-blog');
const NORMALIZER = path.join(__dirname, 'sqlite_schema.py');

function python(args: string[], cwd: string, input?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, FLASK_APP: 'microblog.py', PYTHONDONTWRITEBYTECODE: '1' };
  delete env.DATABASE_URL;
  delete env.SQLALCHEMY_DATABASE_URI;
  const run = spawnSync(SYSTEM_PYTHON, args, { cwd, env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stdout}\n${run.stderr.slice(-3000)}`);
  return run.stdout;
}

const flask = (dir: string, ...args: string[]) => python(['-m', 'flask', 'db', ...args], dir);
const schemaOf = (file: string) =>
  JSON.parse(python([NORMALIZER, 'schema', file], path.dirname(file))) as {
    tables: Record<string, unknown>;
    alembic_version: string[] | null;
    integrity: string;
  };
const rowsOf = (file: string, ...tables: string[]) =>
  JSON.parse(python([NORMALIZER, 'rows', file, ...tables], path.dirname(file))) as Record<string, Record<string, unknown>[]>;
const sql = (file: string, statements: string) =>
  python(['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read()); c.commit()', file], path.dirname(file), statements);

async function ourRevision(dir: string, extra: string[]): Promise<string> {
  const result = await runCli(revisionCommand, [dir, '-m', 'model change', '--autogenerate', ...extra]);
  assert.equal(result.code, 0, result.err);
  return readFileSync(result.out.trim(), 'utf8');
}

async function ours(verb: 'upgrade' | 'downgrade', dir: string, file: string): Promise<void> {
  const result = await runCli(verb === 'upgrade' ? upgradeCommand : downgradeCommand, [dir, '--database-url', `sqlite:///${file}`, '--python', SYSTEM_PYTHON]);
  assert.equal(result.code, 0, `our ${verb} failed:\n${result.out}\n${result.err}`);
}

interface Scenario {
  name: string;
  edit: (models: string) => string;
  revisionArgs?: string[];
  /** Expected text in the revision (where flask db migrate would put a batch block). */
  expect: RegExp[];
  rowsAfterUpgrade?: Record<string, Record<string, unknown>[]>;
  /** SQL run on the upgraded-to-base file before the change (the data the scenario cares about). */
  setup?: string;
  /** The tables whose rows are compared (the upgraded side may have renamed one). */
  tablesAfter?: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'add NOT NULL with server default, NOT NULL without one (backfilled), unique, index, FK; narrow a type; drop a column',
    edit: (m) =>
      m
        .replace(
          '    about_me = db.Column(db.String(140))\n',
          "    about_me = db.Column(db.String(40))\n    karma = db.Column(db.Integer, nullable=False, server_default='0')\n    nick = db.Column(db.String(30), unique=True)\n    city = db.Column(db.String(50), index=True)\n",
        )
        .replace(
          '    body = db.Column(db.String(140), nullable=False)\n',
          "    body = db.Column(db.String(140), nullable=False)\n    title = db.Column(db.String(50), nullable=False)\n    editor_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n",
        )
        .replace('    timestamp = db.Column(db.DateTime, index=True, default=datetime.utcnow)\n', ''),
    expect: [
      /with op\.batch_alter_table\('user', schema=None\) as batch_op:\n {8}batch_op\.add_column\(sa\.Column\('karma'/,
      /batch_op\.create_foreign_key\(batch_op\.f\('post_editor_id_fkey'\), 'user', \['editor_id'\], \['id'\]\)/,
      /batch_op\.drop_column\('timestamp'\)/,
    ],
    rowsAfterUpgrade: {
      user: [{ id: 1, username: 'ann', email: 'ann@example.com', about_me: 'hi', karma: 0, nick: null, city: null }],
      post: [{ id: 1, body: 'hello', user_id: 1, title: '', editor_id: null }],
    },
  },
  {
    name: 'rename a column (data kept), add an enum column with a server default',
    edit: (m) =>
      m.replace(
        '    about_me = db.Column(db.String(140))\n',
        "    bio = db.Column(db.String(140))\n    role = db.Column(db.Enum('reader', 'author', name='role'), nullable=False, server_default='reader')\n",
      ),
    revisionArgs: ['--rename', 'user.about_me=bio'],
    expect: [/batch_op\.alter_column\('about_me',[\s\S]*new_column_name='bio'\)/, /sa\.Enum\('reader', 'author', name='role'\)/],
    rowsAfterUpgrade: {
      user: [{ id: 1, username: 'ann', email: 'ann@example.com', bio: 'hi', role: 'reader' }],
      post: [{ id: 1, body: 'hello', timestamp: '2024-01-01 00:00:00.000000', user_id: 1 }],
    },
  },
  {
    // The indexes follow the table: create_all names them ix_article_*, so the revision renames them too.
    name: 'rename a table (rows and indexes follow)',
    edit: (m) => m.replace('class Post(db.Model):\n', "class Post(db.Model):\n    __tablename__ = 'article'\n"),
    revisionArgs: ['--rename-table', 'post=article'],
    expect: [/op\.rename_table\('post', 'article'\)/],
    tablesAfter: ['user', 'article'],
    rowsAfterUpgrade: {
      user: [{ id: 1, username: 'ann', email: 'ann@example.com', about_me: 'hi' }],
      article: [{ id: 1, body: 'hello', timestamp: '2024-01-01 00:00:00.000000', user_id: 1 }],
    },
  },
  {
    // Text → integer changes the column's affinity: both Alembic and we copy with CAST(... AS INTEGER).
    name: 'change a text column to integer (values cast as SQLite casts them)',
    edit: (m) => m.replace('    about_me = db.Column(db.String(140))\n', '    about_me = db.Column(db.Integer)\n'),
    setup: "update user set about_me = '42';",
    expect: [/batch_op\.alter_column\('about_me',[\s\S]*type_=sa\.Integer\(\)/],
    rowsAfterUpgrade: {
      user: [{ id: 1, username: 'ann', email: 'ann@example.com', about_me: 42 }],
      post: [{ id: 1, body: 'hello', timestamp: '2024-01-01 00:00:00.000000', user_id: 1 }],
    },
  },
];

async function noDrift(dir: string, file: string, when: string): Promise<void> {
  const result = await runCli(driftCommand, [dir, '--database-url', `sqlite:///${file}`, '--python', SYSTEM_PYTHON, '--format', 'json']);
  assert.equal(result.code, 0, `drift ${when} on ${path.basename(file)}:\n${result.out}\n${result.err}`);
  assert.deepEqual(JSON.parse(result.out), []);
}

for (const scenario of SCENARIOS) {
  test(`SQLite + real Flask-Migrate: ${scenario.name}`, async (t) => {
    if (missingOracle(t, pythonOracleProblem())) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-sqlite-oracle-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const db = path.join(dir, 'app.db');
      flask(dir, 'upgrade');
      sql(
        db,
        "insert into user (username, email, about_me) values ('ann', 'ann@example.com', 'hi'); insert into post (body, timestamp, user_id) values ('hello', '2024-01-01 00:00:00.000000', 1);" +
          (scenario.setup ?? ''),
      );
      await noDrift(dir, db, 'after flask db upgrade to the first revision');
      const tablesAfter = scenario.tablesAfter ?? ['user', 'post'];
      const before = schemaOf(db);
      const rowsBefore = rowsOf(db, 'user', 'post');
      // Our executor works on a copy of the same file, side by side with real Flask-Migrate.
      const mine = path.join(dir, 'ours.db');
      cpSync(db, mine);
      const models = path.join(dir, 'app', 'models.py');
      writeFileSync(models, scenario.edit(readFileSync(models, 'utf8')));
      const revision = await ourRevision(dir, scenario.revisionArgs ?? []);
      for (const pattern of scenario.expect) assert.match(revision, pattern);
      assert.doesNotMatch(revision, /CREATE TYPE|postgresql\./, 'nothing PostgreSQL-only in a SQLite revision');

      flask(dir, 'upgrade');
      const upgraded = schemaOf(db);
      const fresh = path.join(dir, 'create_all.db');
      python([NORMALIZER, 'create_all', dir, fresh], dir);
      assert.deepEqual(upgraded.tables, schemaOf(fresh).tables, "flask db upgrade with our revision gives create_all's schema");
      assert.equal(upgraded.integrity, 'ok');
      if (scenario.rowsAfterUpgrade) assert.deepEqual(rowsOf(db, ...tablesAfter), scenario.rowsAfterUpgrade);
      // The SQLite introspector reads what real Flask-Migrate built as exactly what the migrations build.
      await noDrift(dir, db, 'after flask db upgrade');
      await ours('upgrade', dir, mine);
      const oursUpgraded = schemaOf(mine);
      assert.deepEqual(oursUpgraded.tables, upgraded.tables, 'our upgrade gives the schema flask db upgrade gives');
      assert.deepEqual(oursUpgraded.alembic_version, upgraded.alembic_version, 'and the same alembic_version');
      assert.equal(oursUpgraded.integrity, 'ok');
      assert.deepEqual(rowsOf(mine, ...tablesAfter), rowsOf(db, ...tablesAfter), 'and the same rows');
      await noDrift(dir, mine, 'after our upgrade');

      flask(dir, 'downgrade');
      const downgraded = schemaOf(db);
      assert.deepEqual(downgraded.tables, before.tables, 'downgrade gives back the schema before');
      assert.deepEqual(downgraded.alembic_version, before.alembic_version);
      if (!scenario.name.includes('drop a column')) assert.deepEqual(rowsOf(db, 'user', 'post'), rowsBefore, 'rows survive the round trip');
      await ours('downgrade', dir, mine);
      const oursDowngraded = schemaOf(mine);
      assert.deepEqual(oursDowngraded.tables, downgraded.tables, 'our downgrade gives the schema flask db downgrade gives');
      assert.deepEqual(oursDowngraded.alembic_version, downgraded.alembic_version);
      assert.deepEqual(rowsOf(mine, 'user', 'post'), rowsOf(db, 'user', 'post'));
      await noDrift(dir, db, 'after flask db downgrade');
      await noDrift(dir, mine, 'after our downgrade');
      assert.ok(
        readdirSync(dir).every((f) => !f.startsWith('.migration-guard')),
        'revision created no .migration-guard/ folder',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
