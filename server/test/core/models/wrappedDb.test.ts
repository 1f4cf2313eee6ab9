// Issue 11, class 3 (FlaskApp): `db = _Database()`, an instance of the project's own class that stands
// in for Flask-SQLAlchemy's `db` (`Model = _Base`, `Column = Column`, a `Table` staticmethod that
// returns `sa.Table(...)` with the MetaData put in). Before, no model was found at all: every table
// of the head was an uncertain drop and `check` was blind. Now `db.Model` is the declarative base,
// `db.Column` / `db.Integer` are SQLAlchemy's and `db.Table(...)` is a table.
// Fixture: test-fixtures/wrapped-db (plain Alembic, its revision written by real autogenerate).
// Oracle: real `alembic upgrade head`, then drift none and Alembic's compare_metadata of `db.metadata`
// finds nothing, before and after our revision for an edit of the models.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { extractModels, readProjectPythonFiles } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';
import { Scratch } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/wrapped-db');
const CLI = path.join(ROOT, 'dist/cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function models(dir = FIXTURE) {
  return extractModels(readProjectPythonFiles(dir), { root: dir });
}

/** Alembic's own comparison of the models' MetaData with the database: the changes it would write. */
const COMPARE = [
  'import os, sys',
  'sys.path.insert(0, os.getcwd())',
  'import sqlalchemy as sa',
  'from alembic.autogenerate import compare_metadata',
  'from alembic.migration import MigrationContext',
  'from store.database import db',
  'import store.models',
  'engine = sa.create_engine(os.environ["DATABASE_URL"])',
  'with engine.connect() as conn:',
  '    diffs = compare_metadata(MigrationContext.configure(conn), db.metadata)',
  'print(repr(diffs))',
].join('\n');

describe('a db object of the project’s own wrapper class', () => {
  const scratch = new Scratch();
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    scratch.removeAll();
    await db?.drop();
  });
  const copy = () => scratch.copy(FIXTURE, 'mg-wrapped-db-');

  it('its Model is the declarative base, its Column/Integer/ForeignKey are SQLAlchemy’s, its Table makes a table', () => {
    const extracted = models();
    const tables = extracted.schema.tables;
    assert.deepEqual(Object.keys(tables).sort(), ['product_tags', 'products', 'tags']);
    assert.deepEqual(Object.keys(tables.products?.columns ?? {}), ['id', 'name', 'description', 'active']);
    assert.equal(tables.products?.columns.name?.type, 'character varying(120)');
    assert.equal(tables.products?.columns.active?.nullable, false);
    assert.deepEqual(tables.product_tags?.primaryKey?.columns, ['product_id', 'tag_id']);
    assert.deepEqual(tables.product_tags?.foreignKeys.map((fk) => `${fk.columns[0]}->${fk.refTable}`).sort(), ['product_id->products', 'tag_id->tags']);
    assert.deepEqual(
      extracted.notes.filter((n) => n.severity !== 'info').map((n) => n.message),
      [],
    );
  });

  it('the SQLAlchemy 2 form: Model = a DeclarativeBase subclass, inherited from a base wrapper class', () => {
    const dir = copy();
    const file = path.join(dir, 'store', 'database.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('from sqlalchemy.orm import declarative_base', 'from sqlalchemy.orm import DeclarativeBase')
        .replace('_Base = declarative_base()', 'class _Base(DeclarativeBase):\n    pass')
        .replace('class _Database:\n    Model = _Base\n', 'class _Compat:\n    Model = _Base\n\n\nclass _Database(_Compat):\n'),
    );
    const tables = models(dir).schema.tables;
    assert.deepEqual(Object.keys(tables).sort(), ['product_tags', 'products', 'tags']);
    assert.equal(tables.tags?.columns.label?.type, 'character varying(40)');
  });

  it('a wrapper method other than a Table factory is not taken for SQLAlchemy’s (its columns are unseen, never dropped)', () => {
    const dir = copy();
    const file = path.join(dir, 'store', 'database.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '    Column = Column\n',
        '    def Column(self, *args, **kwargs):\n        return Column(*args, nullable=False, **kwargs)\n',
      ),
    );
    const run = cli('check', dir, '--format', 'json');
    const findings = JSON.parse(run.stdout) as { code: string; severity: string; table?: string }[];
    assert.deepEqual(
      findings.filter((f) => f.severity === 'warning' || f.severity === 'error'),
      [],
      'no column read as dropped',
    );
  });

  it('check: in sync with the history real Alembic wrote for these models', () => {
    const run = cli('check', FIXTURE);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /in sync/);
  });

  it('oracle: real alembic upgrade, then drift none and compare_metadata finds nothing, before and after our revision', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    db = await createTestDatabase('mg_wrapped_db');
    const dir = copy();
    const env = { ...process.env, DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' };
    const python = (...args: string[]) => spawnSync(SYSTEM_PYTHON, args, { cwd: dir, encoding: 'utf8', env });
    const inSync = () => {
      const upgrade = python('-m', 'alembic', 'upgrade', 'head');
      assert.equal(upgrade.status, 0, upgrade.stderr);
      const drift = cli('drift', dir, '--database-url', db?.url as string);
      assert.equal(drift.status, 0, drift.stdout + drift.stderr);
      assert.match(drift.stdout, /No drift/);
      const compare = python('-c', COMPARE);
      assert.equal(compare.status, 0, compare.stderr);
      assert.equal(compare.stdout.trim(), '[]');
    };
    inSync();
    const file = path.join(dir, 'store', 'models.py');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '    description = db.Column(db.Text)\n',
        '    description = db.Column(db.Text)\n    sku = db.Column(db.String(32), unique=True)\n',
      ),
    );
    const ours = cli('revision', dir, '-m', 'sku', '--autogenerate');
    assert.equal(ours.status, 0, ours.stderr);
    inSync();
  });
});
