// The history-side CLI verbs: history, heads, and schema --from migrations [--revision].
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';
import { historyCommand } from '../../../src/cli/commands/history';
import { headsCommand } from '../../../src/cli/commands/heads';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { initPythonParser } from '../../../src/core/python/parser';
import { revisionText } from './support/alembicProject';
import { EVERY_OP_HISTORY } from './support/everyOpHistory';

async function run(command: CliCommand, argv: string[]) {
  let out = '';
  let err = '';
  const code = await command.run(parseArgs(argv, new Set(command.booleanFlags ?? [])), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('history CLI verbs', () => {
  let dir = '';
  let forked = '';

  before(async () => {
    await initPythonParser();
    dir = mkdtempSync(path.join(tmpdir(), 'mg-history-cli-'));
    const versions = path.join(dir, 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    writeFileSync(path.join(dir, 'migrations', 'env.py'), '');
    for (const spec of EVERY_OP_HISTORY) writeFileSync(path.join(versions, spec.fileName ?? `${spec.id}.py`), revisionText(spec));
    forked = mkdtempSync(path.join(tmpdir(), 'mg-history-fork-'));
    const forkVersions = path.join(forked, 'migrations', 'versions');
    mkdirSync(forkVersions, { recursive: true });
    writeFileSync(path.join(forked, 'migrations', 'env.py'), '');
    for (const spec of EVERY_OP_HISTORY.slice(0, -1)) writeFileSync(path.join(forkVersions, `${spec.id}.py`), revisionText(spec));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(forked, { recursive: true, force: true });
  });

  it('history lists revisions newest first with Alembic markers', async () => {
    const { code, out, err } = await run(historyCommand, [dir]);
    assert.equal(code, 0, err);
    const lines = out.trim().split('\n');
    assert.equal(lines.length, EVERY_OP_HISTORY.length);
    assert.equal(lines[0], '(9c0d1e2f3a4b, ab0d1e2f3a4c) -> bc1e2f3a4b5d (head) (mergepoint), merge heads');
    assert.equal(lines.at(-1), '<base> -> a1b2c3d4e5f6, create team and user');
    assert.ok(lines.includes('7a8b9c0d1e2f -> 8b9c0d1e2f3a (branchpoint), control flow, helpers, serial drop, leftover enum'));
    assert.ok(lines.includes('8b9c0d1e2f3a -> 9c0d1e2f3a4b (feature), feature branch'));
  });

  it('history --format json gives files relative to DIR', async () => {
    const { code, out } = await run(historyCommand, [dir, '--format', 'json']);
    assert.equal(code, 0);
    const entries = JSON.parse(out) as { revision: string; file: string; isBase: boolean }[];
    const base = entries.find((e) => e.isBase);
    assert.equal(base?.revision, 'a1b2c3d4e5f6');
    assert.equal(entries.find((e) => e.revision === 'e5f6a1b2c3d4')?.file, path.join('migrations', 'versions', 'project_tables.py'));
  });

  it('heads shows one head, or several with a merge hint', async () => {
    const one = await run(headsCommand, [dir]);
    assert.equal(one.out.trim(), 'bc1e2f3a4b5d (head)');
    const two = await run(headsCommand, [forked]);
    assert.equal(two.code, 0);
    assert.deepEqual(two.out.trim().split('\n').sort(), ['9c0d1e2f3a4b (feature) (head)', 'ab0d1e2f3a4c (head)']);
    assert.match(two.err, /2 heads; merge them/);
    const json = JSON.parse((await run(headsCommand, [forked, '--format', 'json'])).out) as { revision: string }[];
    assert.equal(json.length, 2);
  });

  it('schema --from migrations prints the replayed schema, at head or at --revision', async () => {
    const head = await run(schemaCommand, [dir, '--from', 'migrations']);
    assert.equal(head.code, 0, head.err);
    const json = JSON.parse(head.out) as { tables: Record<string, unknown>; enums: Record<string, string[]> };
    assert.deepEqual(Object.keys(json.tables).sort(), ['admin_team', 'audit', 'counter', 'note', 'tag', 'team', 'tickets', 'user', 'workspace']);
    assert.deepEqual(json.enums.mood, ['happy', 'meh', 'sad']);
    const early = JSON.parse((await run(schemaCommand, [dir, '--from', 'migrations', '--revision', 'a1b2'])).out) as { tables: Record<string, unknown> };
    assert.deepEqual(Object.keys(early.tables).sort(), ['team', 'user']);
    const base = JSON.parse((await run(schemaCommand, [dir, '--from', 'migrations', '--revision', 'base'])).out) as { tables: Record<string, unknown> };
    assert.deepEqual(base.tables, {});
  });

  it('schema --from migrations: an unknown revision or a missing history is an error; several heads say so', async () => {
    await assert.rejects(run(schemaCommand, [dir, '--from', 'migrations', '--revision', 'nope']), /no such revision/);
    const empty = mkdtempSync(path.join(tmpdir(), 'mg-history-empty-'));
    try {
      // As every verb that reads a project: the project service says there is none.
      await assert.rejects(run(schemaCommand, [empty, '--from', 'migrations']), /no Flask-Migrate \/ Alembic project under/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    const forkedHead = await run(schemaCommand, [forked, '--from', 'migrations']);
    assert.match(forkedHead.err, /several heads .* merge/);
    const tables = Object.keys((JSON.parse(forkedHead.out) as { tables: Record<string, unknown> }).tables);
    assert.ok(tables.includes('tag'));
  });
});
