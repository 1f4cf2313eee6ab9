// Real-world project layouts discovery must understand (issue 11, class 2).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';
import { checkCommand } from '../../../src/cli/commands/check';
import { revisionCommand } from '../../../src/cli/commands/revision';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');

async function run(command: CliCommand, argv: string[]) {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('Flask-Alembic layout: revisions directly in the package migrations/ folder', () => {
  const fixture = path.join(FIXTURES, 'flask-alembic');
  let scratch = '';
  before(async () => {
    await initPythonParser();
    scratch = mkdtempSync(path.join(tmpdir(), 'mg-flask-alembic-'));
    cpSync(fixture, scratch, { recursive: true });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the project at the packaging root, with the script folder as its versions folder', () => {
    const [project, ...others] = discoverProjects(fixture);
    assert.equal(others.length, 0);
    assert.ok(project);
    assert.equal(project.root, fixture);
    assert.deepEqual(project.versionDirs, [path.join(fixture, 'shop', 'migrations')]);
    assert.equal(project.scriptLocation, path.join(fixture, 'shop', 'migrations'));
  });

  it('schema --from migrations reads the same history', async () => {
    const schema = await run(schemaCommand, [fixture, '--from', 'migrations', '--format', 'json']);
    assert.equal(schema.code, 0, schema.err);
    assert.deepEqual(Object.keys((JSON.parse(schema.out) as { tables: object }).tables), ['product']);
  });

  it('check answers with the pending column, and revision writes beside the other revisions', async () => {
    const check = await run(checkCommand, [scratch]);
    assert.equal(check.code, 1, check.err);
    assert.match(check.out, /column price added/);
    const revision = await run(revisionCommand, [scratch, '-m', 'price', '--autogenerate']);
    assert.equal(revision.code, 0, revision.err);
    const written = readdirSync(path.join(scratch, 'shop', 'migrations')).filter((f) => f.endsWith('_price.py'));
    assert.equal(written.length, 1);
    assert.equal((await run(checkCommand, [scratch])).code, 0);
  });
});

describe('a history that cannot be found, and models that cannot be seen', () => {
  let dir = '';
  before(async () => {
    await initPythonParser();
    dir = mkdtempSync(path.join(tmpdir(), 'mg-no-history-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('never says "in sync" over 0 tables when script_location points nowhere; revision refuses without a crash', async () => {
    writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nscript_location = db/migrations\n');
    const check = await run(checkCommand, [dir]);
    assert.equal(check.code, 2);
    assert.match(check.err, /the migration history cannot be found: .*db[\\/]migrations[\\/]versions does not exist/);
    assert.doesNotMatch(check.out, /in sync/);
    const revision = await run(revisionCommand, [dir, '-m', 'x', '--autogenerate']);
    assert.equal(revision.code, 2);
    assert.doesNotMatch(revision.err, /ENOENT/);
  });

  it('with no model found at all, the head tables are not reported as dropped', async () => {
    const versions = path.join(dir, 'db', 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    writeFileSync(
      path.join(versions, 'a1_init.py'),
      "revision = 'a1'\ndown_revision = None\nfrom alembic import op\nimport sqlalchemy as sa\n\ndef upgrade():\n    op.create_table('account', sa.Column('id', sa.Integer(), primary_key=True))\n\ndef downgrade():\n    op.drop_table('account')\n",
    );
    // peewee models: another ORM, nothing this tool reads.
    writeFileSync(path.join(dir, 'models.py'), 'import peewee\n\nclass Account(peewee.Model):\n    name = peewee.CharField()\n');
    const check = await run(checkCommand, [dir, '--format', 'json']);
    // Nothing was compared: no drop, no pending change (the no-models warning says why), exit 0.
    assert.deepEqual(JSON.parse(check.out), []);
    assert.equal(check.code, 0);
  });
});
