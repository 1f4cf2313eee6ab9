// Issue 11, class 3 (nyaa's one set of tables per site): models whose `__tablename__`, columns and
// `__table_args__` are @declared_attr methods computing names from class attributes through
// classmethods (`cls._table(cls.__basename__)` with `__colour__ = 'Red'`), `str.format`, `%`,
// f-strings and module constants are evaluated per concrete model, as SQLAlchemy does at mapping
// time. Before, those models were skipped: their tables read as uncertain drops (6 info DS102 and
// "6 changes pending" on the fixture), and a column added to the mixin was never written into a
// revision. Fixture: test-fixtures/declared-attr-tables (its revision is real Alembic's autogenerate).
// Oracles: real `flask db upgrade` then `flask db migrate` says "No changes", before and after our
// revision for an edit of the mixins.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { extractModels, readProjectPythonFiles } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';
import { Scratch } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/declared-attr-tables');
const CLI = path.join(ROOT, 'dist/cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function models(dir = FIXTURE) {
  return extractModels(readProjectPythonFiles(dir), { root: dir });
}

/** The fixture's models with a column added to each mixin, one of them a declared_attr with a computed foreign key. */
function editModels(dir: string): void {
  const file = path.join(dir, 'boards', 'models.py');
  const text = readFileSync(file, 'utf8')
    .replace(
      '    @declared_attr\n    def author_id(cls):',
      [
        '    pinned = db.Column(db.Boolean, nullable=False, server_default="false")',
        '',
        '    @declared_attr',
        '    def moved_from_id(cls):',
        '        target = "{}.id".format(cls._table("posts"))',
        '        return db.Column(db.Integer, db.ForeignKey(target), nullable=True)',
        '',
        '    @declared_attr',
        '    def author_id(cls):',
      ].join('\n'),
    )
    .replace(
      '    title = db.Column(db.String(80), nullable=False)\n',
      '    title = db.Column(db.String(80), nullable=False)\n    slug = db.Column(db.String(40), nullable=True)\n',
    );
  writeFileSync(file, text);
}

describe('tables named and built by @declared_attr per model', () => {
  const scratch = new Scratch();
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    scratch.removeAll();
    await db?.drop();
  });
  const copy = () => scratch.copy(FIXTURE, 'mg-declared-attr-tables-');

  it('each concrete model gets its own table, columns, foreign keys and indexes, as SQLAlchemy maps them', () => {
    const extracted = models();
    const tables = extracted.schema.tables;
    assert.deepEqual(Object.keys(tables).sort(), ['archive_threads', 'blue_posts', 'blue_sections', 'log_moderation', 'red_posts', 'red_sections', 'users']);
    const red = tables.red_posts;
    assert.deepEqual(Object.keys(red?.columns ?? {}), ['id', 'subject', 'board_id', 'section_id', 'author_id', 'reply_to_id']);
    const fks = (red?.foreignKeys ?? [])
      .map((fk) => `${fk.columns.join(',')}->${fk.refTable}(${fk.refColumns.join(',')})${fk.onDelete ? ` ${fk.onDelete}` : ''}`)
      .sort();
    assert.deepEqual(fks, ['author_id->users(id)', 'reply_to_id->red_posts(id) CASCADE', 'section_id,board_id->red_sections(id,board_id)']);
    assert.deepEqual(
      (tables.blue_posts?.indexes ?? []).map((i) => i.name),
      ['blue_subject_idx'],
    );
    assert.deepEqual(
      (tables.log_moderation?.indexes ?? []).map((i) => i.name),
      ['ix_log_moderation_at'],
      "`'ix_%s_at' % cls.__tablename__`",
    );
    assert.deepEqual(tables.red_sections?.primaryKey?.columns, ['id', 'board_id']);
    assert.deepEqual(extracted.unnamedModels ?? [], [], 'no model is left unnamed');
    const notes = extracted.notes.filter((n) => n.kind === 'unresolved-name' || n.kind === 'unresolved-value');
    assert.deepEqual(notes, []);
  });

  it('check: in sync with the history real Alembic wrote for these models', () => {
    const run = cli('check', FIXTURE);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /in sync/);
  });

  it('what cannot be computed for a model stays unseen or unnamed, never guessed', () => {
    const dir = copy();
    const file = path.join(dir, 'boards', 'models.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('class BluePost(PostBase, db.Model):\n    __colour__ = "Blue"', 'class BluePost(PostBase, db.Model):\n    __colour__ = None')
        .replace('        return "log_{}".format(cls.__name__.lower())', '        return "log_{}".format(cls.__name__.lower(), extra=cls.missing)'),
    );
    const extracted = models(dir);
    assert.equal(extracted.schema.tables.blue_posts, undefined, '`None.lower()` names no table');
    assert.equal(extracted.schema.tables.log_moderation, undefined);
    assert.deepEqual((extracted.unnamedModels ?? []).map((m) => m.className).sort(), ['BluePost', 'Moderation']);
    assert.ok(extracted.schema.tables.red_posts, 'the other colour is still read');
  });

  it('revision: a column added to the mixin is added to every model of it, with the computed foreign key target', () => {
    const dir = copy();
    editModels(dir);
    const run = cli('revision', dir, '-m', 'pinned', '--autogenerate');
    assert.equal(run.status, 0, run.stderr);
    const versions = path.join(dir, 'migrations', 'versions');
    const text = readFileSync(path.join(versions, readdirSync(versions).find((f) => f.endsWith('_pinned.py')) as string), 'utf8');
    for (const table of ['red_posts', 'blue_posts']) {
      assert.match(text, new RegExp(`batch_alter_table\\('${table}'[^]*?add_column\\(sa\\.Column\\('pinned', sa\\.Boolean\\(\\)`));
      assert.match(
        text,
        new RegExp(
          `batch_alter_table\\('${table}'[^]*?create_foreign_key\\(batch_op\\.f\\('${table}_moved_from_id_fkey'\\), '${table}', \\['moved_from_id'\\], \\['id'\\]`,
        ),
      );
    }
    for (const table of ['red_sections', 'blue_sections'])
      assert.match(text, new RegExp(`batch_alter_table\\('${table}'[^]*?add_column\\(sa\\.Column\\('slug', sa\\.String\\(length=40\\)`));
  });

  it('oracle: real flask db upgrade builds the history (drift none) and real flask db migrate finds nothing, before and after our revision', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_declared_attr_tables');
    const dir = copy();
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const noChanges = () => {
      const migrate = flask('migrate', '-m', 'oracle');
      assert.equal(migrate.status, 0, migrate.stderr);
      assert.match(migrate.stderr, /No changes in schema detected/, migrate.stderr);
    };
    const upgrade = () => {
      const run = flask('upgrade');
      assert.equal(run.status, 0, run.stderr);
      const drift = cli('drift', dir, '--database-url', db?.url as string);
      assert.equal(drift.status, 0, drift.stdout + drift.stderr);
      assert.match(drift.stdout, /No drift/);
    };
    upgrade();
    noChanges();
    editModels(dir);
    const ours = cli('revision', dir, '-m', 'pinned', '--autogenerate');
    assert.equal(ours.status, 0, ours.stderr);
    upgrade();
    noChanges();
    const check = cli('check', dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
