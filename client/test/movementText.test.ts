import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movementSummary } from '../src/model/movementText';
import type { ExecutionResult } from '../../server/src/db/executor';

const step = (revision: string, direction: 'up' | 'down', message: string | null) => ({ revision, direction, message, statements: [], backups: [] });

test('an upgrade says "Upgraded", which revisions, and where the database is now', () => {
  const result: ExecutionResult = {
    status: 'applied',
    headsBefore: ['a1'],
    headsAfter: ['c3'],
    steps: [step('b2', 'up', 'add email'), step('c3', 'up', 'drop bio')],
    summary: 'Applied 2 revision(s): a1 → c3.',
  };
  assert.equal(movementSummary(result), 'Upgraded 2 revisions (b2 "add email", c3 "drop bio"). The database is now at c3.');
});

test('a downgrade says "Downgraded 1 revision", what it undid, and the backup it took', () => {
  const down = {
    ...step('c3', 'down', 'add bio'),
    backups: [{ table: 'user', columns: ['bio'], backupTable: 'x', rows: 3, restoreSql: '', reason: 'dropColumn' }],
  };
  const result = { status: 'applied', headsBefore: ['c3'], headsAfter: [], steps: [down], summary: 'Applied 1 revision(s)' } as unknown as ExecutionResult;
  assert.equal(
    movementSummary(result),
    'Downgraded 1 revision (undid c3 "add bio"). The database is now at base (no revision applied). Backed up first: user(bio).',
  );
  assert.ok(!/revision\(s\)/.test(movementSummary(result)));
});

test("nothing to do and failures keep the executor's words; many steps are abbreviated", () => {
  const nothing: ExecutionResult = {
    status: 'nothing-to-do',
    headsBefore: ['c3'],
    headsAfter: ['c3'],
    steps: [],
    summary: 'Nothing to do: the database is already at c3.',
  };
  assert.equal(movementSummary(nothing), nothing.summary);
  const many: ExecutionResult = {
    status: 'applied',
    headsBefore: [],
    headsAfter: ['e5'],
    steps: ['a1', 'b2', 'c3', 'd4', 'e5'].map((r) => step(r, 'up', null)),
    summary: '',
  };
  assert.equal(movementSummary(many), 'Upgraded 5 revisions (a1, b2, c3 and 2 more). The database is now at e5.');
});
