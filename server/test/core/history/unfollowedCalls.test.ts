// Issue 11, never crying wolf: a call the replay cannot follow (funnel's `for rn in renames:
// rn.upgrade()`, methods of a class defined in the revision that call op.rename_table) is an info
// note, and every table it was handed by name is uncertain from there on, so the old tables left in
// the head are never reported as dropped with a DS warning. A table the call was not handed (only
// read by a query next to it) stays certain. Fixture: test-fixtures/unfollowed-calls.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { loadHistory } from '../../../src/core/history/load';
import { newReplayGuard, replayStepsGuarded } from '../../../src/core/history/guardedReplay';
import { upgradeSteps } from '../../../src/core/history/path';
import { initPythonParser } from '../../../src/core/python/parser';
import { emptySchema } from '../../../src/core/schema/types';
import type { Note } from '../../../src/core/source';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/unfollowed-calls');

describe('calls the replay cannot follow', () => {
  before(async () => initPythonParser());

  it('make the tables they are handed uncertain, at the call, and say so in its note', () => {
    const history = loadHistory(FIXTURE);
    const guard = newReplayGuard(null);
    const notes: Note[] = [];
    const schema = emptySchema();
    replayStepsGuarded(history, schema, upgradeSteps(history.graph, [], history.graph.heads), notes, guard);
    assert.deepEqual([...guard.uncertain.keys()].sort(), ['member', 'member_email']);
    assert.ok(schema.tables.member && schema.tables.member_email, 'the renames were not replayed');
    // One note per loop item, each naming the table that item was handed.
    const calls = notes.filter((n) => n.kind === 'unknown-call' && n.message.startsWith('rn.upgrade(...)'));
    assert.deepEqual(
      calls.map((n) => [n.severity, n.location?.range.start.line, n.message]),
      [
        ['info', 50, 'rn.upgrade(...) is not an Alembic op; skipped; "member" is uncertain from here on'],
        ['info', 50, 'rn.upgrade(...) is not an Alembic op; skipped; "member_email" is uncertain from here on'],
      ],
    );
    // The body's own note is untouched (bodies are cached and shared between replays).
    const body = history.graph.revisions.get('4d5e6f7a8b9c')?.upgrade;
    assert.ok(body?.notes.every((n) => !/uncertain/.test(n.message)));
  });

  it('check: no DS warning on the tables the call may have renamed; a table it was not handed still gets one', async () => {
    let out = '';
    const code = await checkCommand.run(parseArgs([FIXTURE, '--format', 'json'], new Set(checkCommand.booleanFlags ?? [])), {
      out: (t) => (out += t),
      err: () => undefined,
    });
    assert.equal(code, 1);
    const findings = JSON.parse(out) as { code: string; severity: string; table?: string; message: string }[];
    const destructive = findings.filter((f) => /^DS/.test(f.code));
    const warned = destructive.filter((f) => f.severity === 'warning').map((f) => f.message);
    assert.equal(warned.length, 1, warned.join('\n'));
    assert.match(warned[0] as string, /`audit_log`/, 'the query next to the call does not hide a real drop');
    const softened = destructive.find((f) => /`member_email`/.test(f.message));
    assert.equal(softened?.severity, 'info');
    assert.match(softened?.message ?? '', /Uncertain: .*4d5e6f7a8b9c_member_becomes_account\.py:51: rn\.upgrade\(\.\.\.\) is not an Alembic op/);
  });
});
