// Issue 11, never crying wolf: a column type the history replay cannot read (sqlalchemy_utils types,
// the project's TypeDecorators named in revision files, an alter_column to one of them) is spelled as
// the models spell an unresolved type (`?` + the type as written) and compared by presence only, so
// no MF105 "from unknown to timestamp" fires from the unreadable side (lemur, flaskbb, redash did).
// The revision writer still writes such columns, `sql` refuses them by line, and real Alembic on
// PostgreSQL shows the models' types are what the history really builds. The analysis and the database
// verbs then resolve what the project's modules can tell (importedTypes.test.ts): the types that stay
// unreadable here are TypeDecorators with load_dialect_impl. Fixture: test-fixtures/history-unresolved-types.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { sqlCommand } from '../../../src/cli/commands/sql';
import { isUnresolvedType } from '../../../src/core/diff/compare';
import { loadHistory } from '../../../src/core/history/load';
import { schemaAtRevision } from '../../../src/core/history/schemaAtRevision';
import { extractModels, readProjectPythonFiles } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';
import { introspectSchema } from '../../../src/db/introspect';
import { missingOracle, needsPythonAndPostgres, SYSTEM_PYTHON } from '../../support/oracles';
import { createTestDatabase } from '../../support/pgdb';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/history-unresolved-types');
/** The entry columns whose type the history names through a type the replay cannot read. */
const UNREADABLE_IN_HISTORY = ['logged_at', 'booked_at', 'search_vector', 'amount'];

async function run(command: CliCommand, argv: string[]) {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** A copy of the fixture whose TypeDecorators pick their type per database (load_dialect_impl): unreadable on both sides. */
function opaqueCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-unresolved-history-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const types = path.join(dir, 'ledger', 'types.py');
  writeFileSync(
    types,
    readFileSync(types, 'utf8').replaceAll(
      '    cache_ok = True\n',
      '    cache_ok = True\n\n    def load_dialect_impl(self, dialect):\n        return dialect.type_descriptor(self.impl)\n',
    ),
  );
  return dir;
}

describe('column types the history replay cannot read', () => {
  let scratch = '';
  before(async () => initPythonParser());
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('are unresolved placeholders in the head (never "unknown", never a guess), each with a note at its line', () => {
    const { schema, notes } = schemaAtRevision(loadHistory(FIXTURE), 'head');
    const models = extractModels(readProjectPythonFiles(FIXTURE), { root: FIXTURE }).schema.tables.entry?.columns ?? {};
    const head = schema.tables.entry?.columns ?? {};
    for (const name of UNREADABLE_IN_HISTORY) {
      const type = head[name]?.type ?? '(missing)';
      // Either unreadable (and marked so) or read as the models read it: never a different real type.
      assert.ok(isUnresolvedType(type) || type === models[name]?.type, `${name}: ${type}`);
      assert.ok(models[name] && !isUnresolvedType(models[name].type), `the models resolve ${name}`);
    }
    assert.equal(head.logged_at?.type, '?sqlalchemy_utils.types.arrow.ArrowType()', 'spelled as the revision writes it');
    assert.equal(head.search_vector?.type, '?su.TSVectorType()');
    assert.equal(head.logged_at?.default, 'now()', 'a raw-SQL default is still read');
    assert.equal(head.memo?.type, 'text');
    const unresolved = notes.filter((n) => n.kind === 'unresolved-type');
    assert.ok(unresolved.length >= 2, 'a note says why');
    assert.ok(unresolved.every((n) => n.severity === 'warning' && n.location !== undefined));
  });

  it('check raises no MF/DS finding from the unreadable side (it raised five MF105 before)', async () => {
    const result = await run(checkCommand, [FIXTURE, '--format', 'json']);
    assert.equal(result.code, 0, result.out + result.err);
    const findings = JSON.parse(result.out) as { code: string; message: string }[];
    assert.deepEqual(
      findings.filter((f) => /^(MF|DS)/.test(f.code)).map((f) => `${f.code} ${f.message}`),
      [],
    );
    assert.doesNotMatch(result.out, /unknown/);
  });

  it('revision --autogenerate writes columns of such a type: existing_type as the models read it, a dropped one as the history spells it', async () => {
    // The project's own TypeDecorators pick their type per database here: neither side can tell them.
    scratch = opaqueCopy();
    const models = path.join(scratch, 'ledger', 'models.py');
    const edited = readFileSync(models, 'utf8')
      .replace(/^ {4}booked_at = .*\n/m, '')
      .replace(/^ {4}logged_at = .*\n/m, '')
      .replace('amount = db.Column(Cents())', 'amount = db.Column(Cents(), nullable=False)');
    writeFileSync(models, edited);
    const revision = await run(revisionCommand, [scratch, '-m', 'tighten', '--autogenerate']);
    assert.equal(revision.code, 0, revision.err);
    const versions = path.join(scratch, 'migrations', 'versions');
    const text = readFileSync(path.join(versions, readdirSync(versions).find((f) => f.endsWith('_tighten.py')) as string), 'utf8');
    assert.match(text, /op\.alter_column\('entry', 'amount',\s+existing_type=Cents\(\),\s+nullable=False\)/);
    assert.match(text, /op\.drop_column\('entry', 'booked_at'\)/);
    assert.match(text, /sa\.Column\('booked_at', ledger\.types\.UTCDateTime\(timezone=True\)/);
    assert.match(text, /# Migration Guard: add the imports for .*ledger\.types\.UTCDateTime\(timezone=True\)/);
    // sqlalchemy_utils' ArrowType the history resolves (as the models do): written as the SQL type it is.
    assert.match(text, /sa\.Column\('logged_at', sa\.DateTime\(\), server_default=sa\.text\('now\(\)'\)/);
    assert.doesNotMatch(text, /\?|unknown/, 'no placeholder mark and no "unknown" type in the file');
  });

  it("sql refuses the route, naming each unreadable type at its line (with the project's reason), and prints no SQL", async () => {
    const dir = opaqueCopy();
    const result = await run(sqlCommand, [dir, 'head']);
    assert.notEqual(result.code, 0);
    assert.equal(result.out, '');
    assert.match(result.err, /1a2b3c4d5e6f_ledger\.py:\d+: .*booked_at.*UTCDateTime picks its SQL type per database/);
    assert.match(result.err, /2b3c4d5e6f70_search_and_cents\.py:\d+: .*entry\.amount.*Cents picks its SQL type per database/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sql writes the types the project resolves (sqlalchemy_utils types, TypeDecorator impls) where it can tell them', async () => {
    const result = await run(sqlCommand, [FIXTURE, 'head']);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /"logged_at" timestamp without time zone DEFAULT now\(\) NOT NULL/);
    assert.match(result.out, /"booked_at" timestamp with time zone NOT NULL/);
    assert.match(result.out, /ADD COLUMN "search_vector" tsvector/);
    assert.match(result.out, /ALTER COLUMN "amount" TYPE integer USING amount::integer/);
  });

  it('oracle: real Alembic builds, on PostgreSQL, the types the models resolve (so "in sync" is right)', async (t) => {
    if (await needsPythonAndPostgres(t)) return;
    const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import sqlalchemy_utils, flask_sqlalchemy'], { encoding: 'utf8' });
    if (
      missingOracle(
        t,
        probe.status === 0
          ? null
          : 'sqlalchemy_utils / flask_sqlalchemy are not installed for the system Python (apt-get install python3-sqlalchemy-utils python3-flask-sqlalchemy)',
      )
    )
      return;
    const db = await createTestDatabase('mg_unresolved_history');
    try {
      const script = [
        'from alembic.config import Config',
        'from alembic import command',
        'cfg = Config()',
        'cfg.set_main_option("script_location", "migrations")',
        'command.upgrade(cfg, "head")',
      ].join('\n');
      const upgrade = spawnSync(SYSTEM_PYTHON, ['-c', script], {
        cwd: FIXTURE,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: db.sqlalchemyUrl, PYTHONPATH: FIXTURE, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(upgrade.status, 0, upgrade.stderr);
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const live = (await introspectSchema(client)).tables.entry?.columns ?? {};
        const models = extractModels(readProjectPythonFiles(FIXTURE), { root: FIXTURE }).schema.tables.entry?.columns ?? {};
        for (const name of UNREADABLE_IN_HISTORY) assert.equal(models[name]?.type, live[name]?.type, name);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
