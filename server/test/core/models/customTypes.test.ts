// Column types that are not SQLAlchemy's own (issue 11, class 3): project TypeDecorators resolve
// through `impl`, sqlalchemy_utils types through their impl on PostgreSQL; what cannot be told
// (load_dialect_impl, a helper returning a configured type) stays unresolved, is compared by
// presence only, and is written into a revision as the model spells it. Fixture: custom-types.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { extractModels, readProjectPythonFiles } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';
import { introspectSchema } from '../../../src/db/introspect';
import { missingOracle, needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase } from '../../support/pgdb';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/custom-types');
/** The columns whose type the tool resolves, as SQLAlchemy 1.4 creates them on PostgreSQL. */
const RESOLVED = {
  id: 'integer',
  config: 'text',
  notes: 'text',
  code: 'character varying(12)',
  secret: 'bytea',
  email: 'character varying(255)',
  token: 'uuid',
};

function models() {
  return extractModels(readProjectPythonFiles(FIXTURE), { root: FIXTURE });
}

describe('custom column types', () => {
  let scratch = '';
  before(async () => initPythonParser());
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('resolves project TypeDecorators (impl, inherited impl, impl class given arguments) and sqlalchemy_utils types', () => {
    const columns = models().schema.tables.vault?.columns ?? {};
    for (const [name, type] of Object.entries(RESOLVED)) assert.equal(columns[name]?.type, type, name);
  });

  it('leaves a per-database decorator and a configured helper unresolved, with a note at their line', () => {
    const extracted = models();
    const columns = extracted.schema.tables.vault?.columns ?? {};
    assert.equal(columns.layout?.type, '?Flexible');
    assert.equal(columns.owner_id?.type, `?key_type('User')`, 'the source as written (quotes as repr writes them)');
    const notes = extracted.notes.filter((n) => n.kind === 'unresolved-type').map((n) => `${n.location?.range.start.line}: ${n.message}`);
    assert.equal(notes.length, 2, notes.join('\n'));
    assert.match(notes[0] as string, /^15: .*Flexible picks its SQL type per database \(load_dialect_impl\)/);
    assert.match(notes[1] as string, /^16: .*key_type/);
  });

  it('check is in sync with the history; a new column of an unresolved type is written as the model spells it', async () => {
    const run = async (command: typeof checkCommand, argv: string[]) => {
      let out = '';
      let err = '';
      const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
      return { code, out, err };
    };
    assert.equal((await run(checkCommand, [FIXTURE])).code, 0);
    scratch = mkdtempSync(path.join(tmpdir(), 'mg-custom-types-'));
    cpSync(FIXTURE, scratch, { recursive: true });
    const file = path.join(scratch, 'vaultapp', 'models.py');
    writeFileSync(file, `${readFileSync(file, 'utf8')}    reviewer_id = db.Column(key_type("User"))\n    vault_key = db.Column(Secret(db.Text, "k"))\n`);
    const revision = await run(revisionCommand, [scratch, '-m', 'more', '--autogenerate']);
    assert.equal(revision.code, 0, revision.err);
    const versions = path.join(scratch, 'migrations', 'versions');
    const text = readFileSync(path.join(versions, readdirSync(versions).find((f) => f.endsWith('_more.py')) as string), 'utf8');
    // (In batch blocks: the fixture's env.py is Flask-Migrate 4's.)
    assert.match(text, /\.add_column\(sa\.Column\('reviewer_id', key_type\('User'\), nullable=True\)\)/);
    assert.match(text, /\.add_column\(sa\.Column\('vault_key', postgresql\.BYTEA\(\), nullable=True\)\)/, "the decorator's impl, never an undefined name");
  });

  it('oracle: the resolved types are what SQLAlchemy creates on PostgreSQL (create_all of the fixture)', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import sqlalchemy_utils'], { encoding: 'utf8' });
    if (missingOracle(t, probe.status === 0 ? null : 'sqlalchemy_utils is not installed for the system Python (apt-get install python3-sqlalchemy-utils)'))
      return;
    const db = await createTestDatabase('mg_custom_types');
    try {
      const script = [
        'import os, sys',
        'sys.path.insert(0, os.getcwd())',
        'from flask import Flask',
        'from vaultapp.models import db',
        'app = Flask(__name__)',
        'app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]',
        'app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False',
        'db.init_app(app)',
        'with app.app_context():',
        '    db.create_all()',
      ].join('\n');
      const run = spawnSync(SYSTEM_PYTHON, ['-c', script], {
        cwd: FIXTURE,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: db.sqlalchemyUrl, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(run.status, 0, run.stderr);
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const live = (await introspectSchema(client)).tables.vault?.columns ?? {};
        const mine = models().schema.tables.vault?.columns ?? {};
        for (const name of Object.keys(RESOLVED)) assert.equal(mine[name]?.type, live[name]?.type, name);
        // The unresolved ones really are something else than a guess would say.
        assert.equal(live.layout?.type, 'json', 'Flexible is JSON on PostgreSQL, Text elsewhere');
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
