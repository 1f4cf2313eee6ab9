// Module-level type aliases (issue 11, class 3; FlaskApp's `BigInt = db.BigInteger().with_variant(
// db.Integer, "sqlite")` on every key): a column typed with a name bound to a type expression is that
// type, and `with_variant` gives the variant only on the dialects it names. Before, each was an
// "unknown column type" warning, compared by presence only, and an integer key typed so lost its
// SERIAL default (a false "server default changed"). Oracle: real create_all on PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { extractModels, readProjectPythonFiles } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';
import { introspectSchema } from '../../../src/db/introspect';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase } from '../../support/pgdb';

const TYPES = [
  'import sqlalchemy as sa',
  'from sqlalchemy.dialects import postgresql',
  '',
  'BigInt = sa.BigInteger().with_variant(sa.Integer, "sqlite")',
  'Plain = sa.Integer',
  'Name = sa.String(80)',
  'Notes = sa.String(20).with_variant(postgresql.TEXT(), "postgresql")',
  'Nested = Name',
  '',
].join('\n');

const MODELS = [
  'import sqlalchemy as sa',
  'from sqlalchemy.orm import declarative_base',
  '',
  'from aliases.types import BigInt, Name, Nested, Notes, Plain',
  '',
  'Base = declarative_base()',
  'Local = sa.Numeric(10, 2)',
  '',
  '',
  'class Account(Base):',
  '    __tablename__ = "accounts"',
  '    id = sa.Column(BigInt, primary_key=True)',
  '    owner_id = sa.Column(Plain, nullable=False)',
  '    name = sa.Column(Name)',
  '    notes = sa.Column(Notes)',
  '    nickname = sa.Column(Nested)',
  '    balance = sa.Column(Local)',
  '    inline = sa.Column(sa.SmallInteger().with_variant(sa.Integer(), "sqlite"))',
  '',
].join('\n');

const EXPECTED = {
  id: 'bigint',
  owner_id: 'integer',
  name: 'character varying(80)',
  notes: 'text',
  nickname: 'character varying(80)',
  balance: 'numeric(10,2)',
  inline: 'smallint',
};

describe('module-level type aliases', () => {
  let dir = '';
  before(async () => {
    await initPythonParser();
    dir = mkdtempSync(path.join(tmpdir(), 'mg-type-aliases-'));
    mkdirSync(path.join(dir, 'aliases'));
    writeFileSync(path.join(dir, 'aliases', '__init__.py'), '');
    writeFileSync(path.join(dir, 'aliases', 'types.py'), TYPES);
    writeFileSync(path.join(dir, 'aliases', 'models.py'), MODELS);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const ours = () => extractModels(readProjectPythonFiles(dir), { root: dir });
  const types = (columns: Record<string, { type: string }> | undefined) => Object.fromEntries(Object.entries(columns ?? {}).map(([n, c]) => [n, c.type]));

  it('a column typed with an alias is the aliased type (with_variant: the variant only where it applies)', () => {
    const extracted = ours();
    assert.deepEqual(types(extracted.schema.tables.accounts?.columns), EXPECTED);
    assert.match(extracted.schema.tables.accounts?.columns.id?.default ?? '', /^nextval\('accounts_id_seq'/, 'a bigint key is BIGSERIAL');
    assert.deepEqual(
      extracted.notes.filter((n) => n.kind === 'unresolved-type').map((n) => n.message),
      [],
    );
  });

  it('oracle: real create_all on PostgreSQL makes exactly these types', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const database = await createTestDatabase('mg_type_aliases');
    try {
      const script = [
        'import os, sys',
        'import sqlalchemy as sa',
        'sys.path.insert(0, sys.argv[1])',
        'from aliases.models import Base',
        'with sa.create_engine(os.environ["DATABASE_URL"]).begin() as conn:',
        '    Base.metadata.create_all(conn)',
      ].join('\n');
      const run = spawnSync(SYSTEM_PYTHON, ['-c', script, dir], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: database.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(run.status, 0, run.stderr);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const live = (await introspectSchema(client)).tables.accounts?.columns;
        assert.deepEqual(types(live), types(ours().schema.tables.accounts?.columns));
        assert.equal(live?.id?.default, ours().schema.tables.accounts?.columns.id?.default);
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });
});
