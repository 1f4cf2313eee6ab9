// Flask-Alembic's independent branches (issue 11, class 2: several histories in one folder). FlaskBB
// kept its core history and a "default" branch (plugin tables) as two roots: Flask-Alembic upgrades
// to "heads" and writes a new revision on "default", so neither is "several heads, merge first".
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/flask-alembic-branches');
const MIGRATIONS = ['forum', 'migrations'];

async function run(command: CliCommand, argv: string[]) {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

function written(dir: string, suffix: string): string {
  const files = readdirSync(path.join(dir, ...MIGRATIONS)).filter((f) => f.endsWith(suffix));
  assert.equal(files.length, 1, `one revision ending in ${suffix}`);
  return readFileSync(path.join(dir, ...MIGRATIONS, files[0] as string), 'utf8');
}

describe('Flask-Alembic with independent branches', () => {
  let scratch = '';
  before(async () => {
    await initPythonParser();
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is found as a Flask-Alembic project', () => {
    const [project] = discoverProjects(FIXTURE);
    assert.equal(project?.flaskAlembic, true);
  });

  it('schema --from migrations applies every branch (Flask-Alembic upgrades to "heads"), with no several-heads error', async () => {
    const schema = await run(schemaCommand, [FIXTURE, '--from', 'migrations', '--format', 'json']);
    assert.equal(schema.code, 0, schema.err);
    assert.deepEqual(Object.keys((JSON.parse(schema.out) as { tables: object }).tables).sort(), ['plugin_store', 'users']);
    assert.doesNotMatch(schema.err, /several heads/);
  });

  it('check reports the pending column, not "several heads"; revision writes it on the "default" branch', async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'mg-fa-branches-'));
    cpSync(FIXTURE, scratch, { recursive: true });
    const check = await run(checkCommand, [scratch]);
    assert.equal(check.code, 1, check.err);
    assert.match(check.out, /column enabled added/);
    assert.doesNotMatch(check.out + check.err, /several heads/);
    const revision = await run(revisionCommand, [scratch, '-m', 'enabled', '--autogenerate']);
    assert.equal(revision.code, 0, revision.err);
    const text = written(scratch, '_enabled.py');
    assert.match(text, /^down_revision = '5c7e9a1b3d5f'$/m, 'the head of the "default" branch, as flask_alembic.Alembic.revision');
    assert.match(text, /^branch_labels = None$/m);
    assert.match(text, /op\.add_column\('plugin_store', sa\.Column\('enabled', sa\.Boolean\(\), nullable=True\)\)/);
    assert.equal((await run(checkCommand, [scratch])).code, 0);
  });

  it('with no "default" branch yet, the revision starts it: a new root labelled "default"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-fa-nodefault-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const plugin = path.join(dir, ...MIGRATIONS, '201711180953_5c7e9a1b3d5f_add_plugin_tables.py');
      writeFileSync(plugin, readFileSync(plugin, 'utf8').replace('branch_labels = ("default",)', 'branch_labels = ("plugins",)'));
      const revision = await run(revisionCommand, [dir, '-m', 'enabled', '--autogenerate']);
      assert.equal(revision.code, 0, revision.err);
      const text = written(dir, '_enabled.py');
      assert.match(text, /^down_revision = None$/m);
      assert.match(text, /^branch_labels = \('default',\)$/m, 'as Alembic writes the labels (a tuple)');
      // The database has every branch applied: the new root holds only the pending column.
      assert.match(text, /op\.add_column\('plugin_store'/);
      assert.doesNotMatch(text, /create_table/);
      assert.equal((await run(checkCommand, [dir])).code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Flask-Migrate project with two roots still refuses: its upgrade goes to "head"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-fm-roots-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      // env.py and versions/ make it Flask-Migrate's layout, not Flask-Alembic's.
      const scriptDir = path.join(dir, 'migrations');
      mkdirSync(path.join(scriptDir, 'versions'), { recursive: true });
      writeFileSync(path.join(scriptDir, 'env.py'), '# env\n');
      for (const file of readdirSync(path.join(dir, ...MIGRATIONS)).filter((f) => /^\d+_/.test(f)))
        renameSync(path.join(dir, ...MIGRATIONS, file), path.join(scriptDir, 'versions', file));
      const revision = await run(revisionCommand, [dir, '-m', 'enabled', '--autogenerate']);
      assert.notEqual(revision.code, 0);
      assert.match(revision.err, /several heads/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
