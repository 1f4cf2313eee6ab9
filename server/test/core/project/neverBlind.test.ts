// Real projects: one step the replay cannot follow never blinds the rest, and a history that does
// not start from an empty database is replayed on top of the models (test-fixtures/stamped-create-all).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';
import { checkCommand } from '../../../src/cli/commands/check';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { ProjectAnalysis } from '../../../src/core/project/analysis';
import { discoverProjects } from '../../../src/core/project/discover';
import { initPythonParser } from '../../../src/core/python/parser';
import { readFileSync } from 'node:fs';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/stamped-create-all');

async function run(command: CliCommand, argv: string[]) {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

function analyse(): ProjectAnalysis {
  const [location] = discoverProjects(FIXTURE);
  assert.ok(location);
  return new ProjectAnalysis(location, { readFile: (f) => readFileSync(f, 'utf8') });
}

describe('never blind on a history that does not start from empty', () => {
  before(async () => initPythonParser());

  it('baselines the tables the first revisions alter from the models, with a note at the step', () => {
    const result = analyse().result();
    const baseline = result.notes.filter((n) => n.kind === 'baseline-from-models');
    assert.deepEqual(
      baseline.map((n) => [path.basename(n.location?.file ?? ''), (n.location?.range.start.line ?? 0) + 1, /"(\w+)"/.exec(n.message)?.[1]]),
      [
        ['1a2b3c4d5e6f_add_user_email.py', 21, 'user'],
        ['2b3c4d5e6f70_post_summary_and_fk.py', 21, 'post'],
      ],
    );
    // The column the first revision adds was not in the baseline: no "already exists" conflict.
    assert.deepEqual(Object.keys(result.headSchema.tables.user?.columns ?? {}), ['id', 'name', 'email']);
    assert.ok(!result.notes.some((n) => n.kind === 'replay-conflict' && n.message.includes('user')));
  });

  it('marks the table of a step it cannot apply as uncertain, and carries on past it', () => {
    const result = analyse().result();
    const conflict = result.notes.find((n) => n.kind === 'replay-conflict');
    assert.ok(conflict, 'the drop of the MySQL-named key is a note');
    assert.match(conflict.message, /post_ibfk_1.*"post" is uncertain from here on/);
    assert.equal((conflict.location?.range.start.line ?? 0) + 1, 21);
    assert.deepEqual(result.uncertainTables, ['post']);
    // The steps after it were replayed.
    assert.ok(result.headSchema.tables.post?.columns.summary);
  });

  it('reports a drop resting on the uncertain table as info with the reason, never as a data-loss warning', () => {
    const result = analyse().result();
    const drop = result.findings.find((f) => f.code === 'DS103' && f.column === 'summary');
    assert.ok(drop);
    assert.equal(drop.severity, 'info');
    assert.equal(drop.destructive, false);
    assert.match(drop.message, /Uncertain: .*2b3c4d5e6f70_post_summary_and_fk\.py:21: constraint "post_ibfk_1" does not exist/);
    assert.ok(!result.findings.some((f) => f.destructive || f.severity === 'warning'));
  });

  it('check answers (exit 1, not 2) and schema --from migrations holds the baselined tables', async () => {
    const check = await run(checkCommand, [FIXTURE]);
    assert.equal(check.code, 1, check.err);
    assert.match(check.out, /info DS103/);
    const schema = await run(schemaCommand, [FIXTURE, '--from', 'migrations', '--format', 'json']);
    assert.equal(schema.code, 0, schema.err);
    const json = JSON.parse(schema.out) as { tables: Record<string, { columns: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(json.tables).sort(), ['post', 'user']);
    assert.ok(json.tables.post?.columns.summary);
  });
});
