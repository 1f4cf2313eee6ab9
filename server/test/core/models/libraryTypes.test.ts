// sqlalchemy_utils' column types (issue 11, class 3; nyaa's `ChoiceType(Status, impl=db.Integer())`,
// `EmailType(length=255, collation=...)`, `PasswordType(max_length=255, schemes=[...])`): each is
// created as its impl, which follows from its arguments the way its `__init__` uses them. Resolved
// the same on both sides: in the models and in revisions that write
// `sqlalchemy_utils.types.choice.ChoiceType(...)`. Before, ChoiceType with an impl, PasswordType,
// ColorType, PhoneNumberType and the length arguments were unknown types (compared by presence only,
// a warning at each column). Fixture: test-fixtures/library-types.
// Oracles (need python3-sqlalchemy-utils with python3-passlib, python3-colour, python3-phonenumbers,
// python3-arrow, python3-babel and python3-tz): real create_all on PostgreSQL makes exactly our types,
// for the fixture and for argument variants; real flask db upgrade then drift none, and real
// flask db migrate says "No changes".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { extractModels, readProjectPythonFiles } from '../../../src/core/models';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { introspectSchema } from '../../../src/db/introspect';
import { missingOracle, needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase, type TestDatabase } from '../../support/pgdb';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test-fixtures/library-types');
const CLI = path.join(ROOT, 'dist/cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

/** The fixture's columns as SQLAlchemy 1.4 creates them on PostgreSQL (the create_all oracle below checks this). */
const EXPECTED: Record<string, string> = {
  id: 'integer',
  status: 'integer',
  kind: 'character varying(255)',
  grade: 'character varying(8)',
  email: 'character varying(255)',
  backup_email: 'character varying(120)',
  password: 'bytea',
  token: 'uuid',
  legacy_token: 'character(32)',
  settings: 'json',
  homepage: 'text',
  last_ip: 'character varying(60)',
  tags: 'text',
  published_at: 'timestamp with time zone',
  zone: 'character varying(50)',
  country: 'character varying(2)',
  currency: 'character varying(3)',
  locale: 'character varying(10)',
  colour: 'character varying(7)',
  phone: 'character varying(32)',
  open_days: 'bit(7)',
  search: 'tsvector',
};

/**
 * Arguments the types treat in ways that are easy to get wrong: Alembic's repr writes
 * `IPAddressType(length=60)` and `CountryType(length=2)`, and those lengths are ignored.
 */
const VARIANTS: Record<string, [string, string]> = {
  ip_length_kw: ['IPAddressType(length=60)', 'character varying(50)'],
  ip_positional: ['IPAddressType(45)', 'character varying(45)'],
  country_length: ['CountryType(length=5)', 'character varying(2)'],
  email_positional: ['EmailType(80)', 'character varying(80)'],
  password_default: ['PasswordType()', 'bytea'],
  password_positional: ['PasswordType(128)', 'bytea'],
  uuid_positional: ['UUIDType(False, False)', 'character(32)'],
  uuid_default: ['UUIDType()', 'uuid'],
  choice_impl_positional: ['ChoiceType([("a", "A")], sa.SmallInteger())', 'smallint'],
  choice_impl_none: ['ChoiceType([("a", "A")], impl=None)', 'character varying(255)'],
  choice_impl_text: ['ChoiceType([("a", "A")], impl=sa.Unicode(12))', 'character varying(12)'],
  arrow_plain: ['ArrowType()', 'timestamp without time zone'],
  phone_default: ['PhoneNumberType()', 'character varying(20)'],
  colour_default: ['ColorType()', 'character varying(20)'],
  weekdays_kw: ['WeekDaysType(length=3)', 'bit(7)'],
  bit_three: ['BitType(3)', 'bit(3)'],
  timezone_default: ['TimezoneType()', 'character varying(50)'],
  string_encrypted: ['StringEncryptedType(sa.Unicode, "k", length=40)', 'character varying(40)'],
};

const VARIANT_MODULE = [
  'import sqlalchemy as sa',
  'from sqlalchemy.orm import declarative_base',
  'from sqlalchemy_utils import ArrowType, ChoiceType, ColorType, CountryType, EmailType, IPAddressType, PasswordType, PhoneNumberType, StringEncryptedType, TimezoneType, UUIDType, WeekDaysType',
  'from sqlalchemy_utils.types.bit import BitType',
  '',
  'Base = declarative_base()',
  '',
  '',
  'class Variant(Base):',
  '    __tablename__ = "variants"',
  '    id = sa.Column(sa.Integer, primary_key=True)',
  ...Object.entries(VARIANTS).map(([name, [expr]]) => `    ${name} = sa.Column(${expr})`),
  '',
].join('\n');

function columnTypes(columns: Record<string, { type: string }> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(columns ?? {}).map(([name, column]) => [name, column.type]));
}

/** Why the create_all oracle cannot run here, or null. */
function libraryProblem(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import sqlalchemy_utils, passlib, colour, phonenumbers, arrow, babel, pytz'], { encoding: 'utf8' });
  return probe.status === 0
    ? null
    : `sqlalchemy_utils and its optional packages are not installed for the system Python (apt-get install python3-sqlalchemy-utils python3-passlib python3-colour python3-phonenumbers python3-tz): ${probe.stderr.trim().split('\n').pop()}`;
}

describe('sqlalchemy_utils column types', () => {
  const scratch: string[] = [];
  let db: TestDatabase | null = null;
  before(async () => initPythonParser());
  after(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-library-types-'));
    scratch.push(dir);
    return dir;
  };
  const variantProject = () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'probe'));
    writeFileSync(path.join(dir, 'probe', '__init__.py'), '');
    writeFileSync(path.join(dir, 'probe', 'models.py'), VARIANT_MODULE);
    return dir;
  };

  it('the models: each type is its impl for these arguments, with no unresolved-type note', () => {
    const extracted = extractModels(readProjectPythonFiles(FIXTURE), { root: FIXTURE });
    assert.deepEqual(columnTypes(extracted.schema.tables.listings?.columns), EXPECTED);
    assert.deepEqual(
      extracted.notes.filter((n) => n.kind === 'unresolved-type').map((n) => n.message),
      [],
    );
    const variants = variantProject();
    const read = extractModels(readProjectPythonFiles(variants), { root: variants });
    const types = columnTypes(read.schema.tables.variants?.columns);
    for (const [name, [expr, type]] of Object.entries(VARIANTS)) assert.equal(types[name], type, expr);
  });

  it('the history: a revision writing sqlalchemy_utils.types.choice.ChoiceType(...) and friends replays to the same types', () => {
    const [location] = discoverProjects(FIXTURE);
    assert.ok(location);
    const result = new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') }).result();
    assert.deepEqual(columnTypes(result.headSchema.tables.listings?.columns), EXPECTED);
    const unresolved = result.revisions.flatMap((r) => [...r.upgrade.notes, ...r.downgrade.notes]).filter((n) => n.kind === 'unresolved-type');
    assert.deepEqual(unresolved, []);
    assert.deepEqual(result.changes, []);
  });

  it('check is in sync; a new ChoiceType column is written as its impl', () => {
    const run = cli('check', FIXTURE);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stderr, /unknown column type|no SQL type this tool can tell/);
    const dir = tempDir();
    cpSync(FIXTURE, dir, { recursive: true });
    const models = path.join(dir, 'catalog', 'models.py');
    writeFileSync(models, `${readFileSync(models, 'utf8')}    rank = db.Column(ChoiceType(Status, impl=db.SmallInteger()), nullable=True)\n`);
    const revision = cli('revision', dir, '-m', 'rank', '--autogenerate');
    assert.equal(revision.status, 0, revision.stderr);
    const versions = path.join(dir, 'migrations', 'versions');
    const text = readFileSync(path.join(versions, readdirSync(versions).find((f) => f.endsWith('_rank.py')) as string), 'utf8');
    assert.match(text, /add_column\(sa\.Column\('rank', sa\.SmallInteger\(\), nullable=True\)\)/);
  });

  it('oracle: real create_all on PostgreSQL makes exactly these types (the fixture and the argument variants)', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    if (missingOracle(t, libraryProblem())) return;
    const database = await createTestDatabase('mg_library_types_create');
    try {
      const variants = variantProject();
      const script = [
        'import os, sys',
        'import sqlalchemy as sa',
        'engine = sa.create_engine(os.environ["DATABASE_URL"])',
        'sys.path[:0] = sys.argv[1:]',
        'from catalog.models import db',
        'from probe.models import Base',
        'with engine.begin() as conn:',
        '    db.metadata.create_all(conn)',
        '    Base.metadata.create_all(conn)',
      ].join('\n');
      const run = spawnSync(SYSTEM_PYTHON, ['-W', 'ignore', '-c', script, FIXTURE, variants], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: database.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(run.status, 0, run.stderr);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const live = (await introspectSchema(client)).tables;
        assert.deepEqual(columnTypes(live.listings?.columns), EXPECTED);
        const types = columnTypes(live.variants?.columns);
        for (const [name, [expr, type]] of Object.entries(VARIANTS)) assert.equal(types[name], type, expr);
        // And ours, read from the same files, equal what SQLAlchemy made.
        const ours = extractModels(readProjectPythonFiles(variants), { root: variants }).schema.tables.variants?.columns;
        assert.deepEqual(columnTypes(ours), types);
        assert.deepEqual(
          columnTypes(extractModels(readProjectPythonFiles(FIXTURE), { root: FIXTURE }).schema.tables.listings?.columns),
          columnTypes(live.listings?.columns),
        );
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it('oracle: real flask db upgrade builds the history (drift none), and real flask db migrate finds nothing, as our check', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    if (missingOracle(t, libraryProblem())) return;
    db = await createTestDatabase('mg_library_types');
    const dir = tempDir();
    cpSync(FIXTURE, dir, { recursive: true });
    const env = { ...process.env, FLASK_APP: 'app.py', DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: 'ignore' };
    const flask = (...args: string[]) => spawnSync(SYSTEM_PYTHON, ['-m', 'flask', 'db', ...args], { cwd: dir, encoding: 'utf8', env });
    const upgrade = flask('upgrade');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const drift = cli('drift', dir, '--database-url', db.url);
    assert.equal(drift.status, 0, drift.stdout + drift.stderr);
    assert.match(drift.stdout, /No drift/);
    const migrate = flask('migrate', '-m', 'nothing');
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stderr, /No changes in schema detected/);
  });
});
