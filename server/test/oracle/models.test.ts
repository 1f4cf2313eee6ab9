// Oracle: for every fixture SQLAlchemy 1.4 can load, the schema read from its model files (no Python)
// equals what PostgreSQL reports after the app's own db.create_all(). Fixtures written for
// SQLAlchemy 2.0 are compared with their reviewed expected-schema.json (MG_UPDATE_EXPECTED=1 rewrites it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { Client } from 'pg';
import { initPythonParser } from '../../src/core/python/parser';
import { extractModels, readProjectPythonFiles } from '../../src/core/models';
import { formatSchemaJson, schemaToJson } from '../../src/core/schema/json';
import { introspectSchema } from '../../src/db/introspect';
import { needsPythonAndPostgres, SYSTEM_PYTHON } from '../support/oracles';
import { createTestDatabase } from '../support/pgdb';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');
/** Fixtures Debian's SQLAlchemy 1.4 can import and create. */
const LOADABLE = ['classic', 'package', 'inheritance'];
/** Fixtures written for SQLAlchemy 2.0 (DeclarativeBase, Mapped, mapped_column). */
const TYPED_ONLY = ['typed'];

/** Runs a fixture's migrations up to head with Alembic's own Operations, without importing the app. */
const UPGRADE_WITHOUT_APP = `
import os
import sqlalchemy as sa
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.script import ScriptDirectory
config = Config()
config.set_main_option("script_location", os.path.join(os.getcwd(), "migrations"))
revisions = list(ScriptDirectory.from_config(config).walk_revisions())[::-1]
with sa.create_engine(os.environ["DATABASE_URL"]).begin() as connection:
    with Operations.context(MigrationContext.configure(connection)):
        for revision in revisions:
            revision.module.upgrade()
`;

const CREATE_ALL = `
import os, sys
sys.path.insert(0, os.getcwd())
from app import app
with app.app_context():
    app.extensions["sqlalchemy"].create_all()
`;

function ours(fixture: string) {
  const dir = path.join(FIXTURES, fixture);
  return extractModels(readProjectPythonFiles(dir), { root: dir });
}

describe('oracle: models → schema equals SQLAlchemy create_all on PostgreSQL', () => {
  before(async () => {
    await initPythonParser();
  });

  for (const fixture of LOADABLE) {
    it(`${fixture}: schema --from models equals create_all`, async (t) => {
      if (await needsPythonAndPostgres(t)) return;
      const extracted = ours(fixture);
      assert.deepEqual(extracted.notes, [], `unexpected notes for ${fixture}`);
      const db = await createTestDatabase(`mg_models_${fixture}`);
      try {
        const run = spawnSync(SYSTEM_PYTHON, ['-c', CREATE_ALL], {
          cwd: path.join(FIXTURES, fixture),
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
        });
        assert.equal(run.status, 0, `create_all failed for ${fixture}:\n${run.stderr}`);
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
          const live = await introspectSchema(client);
          assert.deepEqual(schemaToJson(extracted.schema), schemaToJson(live));
          // Constraint names are not in the contract JSON, but migrations drop constraints by name.
          for (const [name, table] of Object.entries(live.tables)) {
            const mine = extracted.schema.tables[name];
            assert.equal(mine?.primaryKey?.name, table.primaryKey?.name, `${fixture}.${name} primary key name`);
            assert.deepEqual(mine?.uniques.map((u) => u.name).sort(), table.uniques.map((u) => u.name).sort(), `${fixture}.${name} unique names`);
            assert.deepEqual(mine?.foreignKeys.map((f) => f.name).sort(), table.foreignKeys.map((f) => f.name).sort(), `${fixture}.${name} foreign key names`);
            assert.deepEqual(mine?.checks.map((c) => c.name).sort(), table.checks.map((c) => c.name).sort(), `${fixture}.${name} check names`);
          }
        } finally {
          await client.end();
        }
      } finally {
        await db.drop();
      }
    });
  }

  for (const fixture of TYPED_ONLY) {
    it(`${fixture}: schema --from models equals the reviewed expected-schema.json`, () => {
      const extracted = ours(fixture);
      assert.deepEqual(extracted.notes, [], `unexpected notes for ${fixture}`);
      const expectedFile = path.join(FIXTURES, fixture, 'expected-schema.json');
      const actual = `${formatSchemaJson(extracted.schema)}\n`;
      if (process.env.MG_UPDATE_EXPECTED === '1' || !existsSync(expectedFile)) {
        writeFileSync(expectedFile, actual);
        if (process.env.MG_UPDATE_EXPECTED !== '1') assert.fail(`${expectedFile} did not exist; written now — review it and commit it`);
        return;
      }
      assert.equal(actual, readFileSync(expectedFile, 'utf8'));
    });

    it(`${fixture}: its hand-written migrations create exactly the expected schema (Alembic 1.8 on PostgreSQL)`, async (t) => {
      if (await needsPythonAndPostgres(t)) return;
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, fixture, 'expected-schema.json'), 'utf8'));
      const db = await createTestDatabase(`mg_models_${fixture}`);
      try {
        const run = spawnSync(SYSTEM_PYTHON, ['-c', UPGRADE_WITHOUT_APP], {
          cwd: path.join(FIXTURES, fixture),
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
        });
        assert.equal(run.status, 0, `upgrade failed for ${fixture}:\n${run.stderr}`);
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
          assert.deepEqual(schemaToJson(await introspectSchema(client)), expected);
        } finally {
          await client.end();
        }
      } finally {
        await db.drop();
      }
    });
  }
});
