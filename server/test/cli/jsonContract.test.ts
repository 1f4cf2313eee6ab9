// Every verb's `--format json` output against the declared contract (server/src/cliJson.ts), validated
// with Ajv: a sample project (test-fixtures/classic) walked through check, revision, merge, sql,
// upgrade, current, stamp, downgrade, drift, restore, roundtrip, history, heads, schema and explain,
// on a real PostgreSQL database (and `current` on a SQLite URL). A verb that prints JSON but has no
// schema fails the first test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { Client } from 'pg';
import { CLI_JSON_SCHEMAS, type CliJsonVerb, type MergeJson } from '../../src/cliJson';
import { loadAllCommands, verbs } from '../../src/cli/registry';
import { initPythonParser } from '../../src/core/python/parser';
import { runVerb } from '../db/cliRun';
import { FIXTURES_DIR } from '../support/fixtures';
import { missingOracle, postgresProblem } from '../support/oracles';
import { createTestDatabase, type TestDatabase } from '../support/pgdb';
import { riskyModels } from './support';

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map(Object.entries(CLI_JSON_SCHEMAS).map(([verb, schema]) => [verb, ajv.compile(schema)]));

/** Runs a verb with --format json and checks its stdout against the verb's schema; returns the parsed output. */
async function json(schema: CliJsonVerb, verb: string, args: string[], exits: number[] = [0]): Promise<unknown> {
  const command = await (verbs.find((v) => v.name === verb) as (typeof verbs)[number]).load();
  const run = await runVerb(command, [...args, '--format', 'json']);
  assert.ok(exits.includes(run.code), `${verb} ${args.join(' ')} exited ${run.code}:\n${run.err}`);
  let value: unknown;
  try {
    value = JSON.parse(run.out);
  } catch {
    assert.fail(`${verb} ${args.join(' ')} printed no JSON:\n${run.out}\n${run.err}`);
  }
  const validate = validators.get(schema) as ReturnType<typeof ajv.compile>;
  assert.ok(validate(value), `${verb} ${args.join(' ')} does not match the "${schema}" contract: ${ajv.errorsText(validate.errors)}\n${run.out}`);
  return value;
}

describe('the CLI JSON contract (server/src/cliJson.ts)', () => {
  let db: TestDatabase | undefined;
  let dir = '';
  before(async () => {
    await initPythonParser();
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'mg-json-')), 'classic');
    cpSync(path.join(FIXTURES_DIR, 'classic'), dir, { recursive: true, filter: (s) => !/(__pycache__|\.migration-guard)/.test(s) });
    if ((await postgresProblem()) === null) db = await createTestDatabase('mg_json');
  });
  after(async () => {
    await db?.drop();
    if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('has a schema for every verb that takes --format json', async () => {
    const jsonVerbs = (await loadAllCommands()).filter((c) => /--format [^\]]*json/.test(c.usage)).map((c) => c.name);
    const declared = new Set(Object.keys(CLI_JSON_SCHEMAS).map((k) => (k === 'move' ? 'upgrade' : k.split(':')[0])));
    declared.add('downgrade');
    assert.deepEqual(
      jsonVerbs.filter((v) => !declared.has(v)),
      [],
    );
  });

  it('rejects output that breaks the contract (the validator can fail)', () => {
    const check = validators.get('check') as ReturnType<typeof ajv.compile>;
    const finding = {
      code: 'DS103',
      severity: 'warning',
      message: 'm',
      file: 'models.py',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      table: 't',
      destructive: true,
      fixes: [],
    };
    assert.equal(check([finding]), true);
    const { destructive: _gone, ...withoutDestructive } = finding;
    assert.equal(check([withoutDestructive]), false);
    assert.equal(check([{ ...finding, fixes: [{ kind: 'rename', title: 'x' }] }]), false);
    const current = validators.get('current') as ReturnType<typeof ajv.compile>;
    assert.equal(current({ database: 'd', versionTable: true, heads: ['abc'] }), false);
    const move = validators.get('move') as ReturnType<typeof ajv.compile>;
    const refused = (reason: unknown) => ({
      status: 'refused',
      headsBefore: [],
      headsAfter: [],
      steps: [],
      summary: 's',
      database: 'd',
      failure: { revision: null, statement: null, message: 'm', reason },
    });
    assert.equal(move(refused({ kind: 'no-such-revision', spec: 'x' })), true);
    assert.equal(move(refused({ kind: 'no-such-revision' })), false, 'a reason without its fields');
    assert.equal(move(refused({ kind: 'not-declared', spec: 'x' })), false, 'a reason kind the contract does not declare');
  });

  it('the verbs that need no database', async () => {
    assert.deepEqual(await json('check', 'check', [dir]), []);
    for (const from of ['models', 'migrations']) await json('schema', 'schema', [dir, '--from', from]);
    const history = (await json('history', 'history', [dir])) as unknown[];
    assert.ok(history.length > 0);
    await json('heads', 'heads', [dir]);
    await json('sql', 'sql', [dir, 'head']);
    await json('explain:list', 'explain', []);
    await json('explain:page', 'explain', ['DS103']);
    await json('explain:page', 'explain', ['opaque-op']);
    await json('current', 'current', [dir, '--database-url', `sqlite:///${path.join(dir, 'absent.db')}`]);
  });

  it('the findings of a risky edit, the revision and merge it writes', async () => {
    const models = path.join(dir, 'models.py');
    const original = readFileSync(models, 'utf8');
    writeFileSync(models, riskyModels(original));
    try {
      const findings = (await json('check', 'check', [dir], [1])) as { code: string; fixes: unknown[] }[];
      assert.ok(findings.some((f) => f.code === 'DS103') && findings.some((f) => f.fixes.length > 1), 'the risky edit has findings with fixes');
      const written = (await json('revision', 'revision', [dir, '-m', 'risky', '--autogenerate', '--no-input'])) as { revision: string; path: string };
      // A second head beside the new one, so that merge has something to join.
      const head = (await json('heads', 'heads', [dir])) as { revision: string; downRevisions: string[] }[];
      const parent = head[0]?.downRevisions[0] as string;
      writeFileSync(
        path.join(dir, 'migrations', 'versions', 'b0b0b0b0b0b0_side.py'),
        `"""side\n\nRevision ID: b0b0b0b0b0b0\nRevises: ${parent}\n"""\nrevision = 'b0b0b0b0b0b0'\ndown_revision = '${parent}'\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`,
      );
      const merged = (await json('merge', 'merge', [dir, '-m', 'join'])) as MergeJson;
      assert.equal(merged.downRevisions.length, 2);
      for (const file of [written.path, path.join(dir, 'migrations', 'versions', 'b0b0b0b0b0b0_side.py'), merged.path]) rmSync(file);
    } finally {
      writeFileSync(models, original);
    }
  });

  it('the database verbs, on real PostgreSQL', async (t) => {
    if (missingOracle(t, await postgresProblem())) return;
    const url = (db as TestDatabase).url;
    const onDb = ['--database-url', url];
    await json('move', 'upgrade', [dir, ...onDb]);
    const current = (await json('current', 'current', [dir, ...onDb])) as { heads: { head: boolean }[] };
    assert.equal(current.heads[0]?.head, true);
    await json('drift', 'drift', [dir, ...onDb]);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('ALTER TABLE "user" ADD COLUMN nickname varchar(40)');
      const drift = (await json('drift', 'drift', [dir, ...onDb], [1])) as unknown[];
      assert.ok(drift.length > 0);
      await client.query('ALTER TABLE "user" DROP COLUMN nickname');
      await client.query(`INSERT INTO "user" (username, email) VALUES ('ada', 'ada@example.com')`);
    } finally {
      await client.end();
    }
    // A refusal carries its reason as data (core/reasons.ts), which the extension words in the user's language.
    const refused = (await json('move', 'upgrade', [dir, 'nope', ...onDb], [2])) as { failure: { reason: unknown } };
    assert.deepEqual(refused.failure.reason, { kind: 'no-such-revision', spec: 'nope' });
    await json('move', 'downgrade', [dir, '-1', '--dry-run', ...onDb]);
    await json('move', 'downgrade', [dir, 'base', ...onDb]);
    await json('restore:list', 'restore', [dir, ...onDb]);
    const heads = (await json('heads', 'heads', [dir])) as { revision: string }[];
    await json('stamp', 'stamp', [dir, heads[0]?.revision as string, ...onDb]);
  });

  it('roundtrip, on the embedded scratch database', async () => {
    await json('roundtrip', 'roundtrip', [dir, '--steps', '1']);
  });
});
