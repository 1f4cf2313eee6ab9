import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqlRangeChoices, targetChoices } from '../src/model/targetChoices';
import type { RevisionInfo } from '../src/model/revisionTree';

const chain: RevisionInfo[] = [
  { id: 'a1', parents: [], message: 'create user' },
  { id: 'b2', parents: ['a1'], message: 'add email' },
  { id: 'c3', parents: ['b2'], message: 'drop bio' },
  { id: 'd4', parents: ['c3'], message: 'add team' },
];

test('Upgrade to… offers the pending revisions, newest first, with their state', () => {
  const { choices } = targetChoices('upgrade', { revisions: chain, current: ['b2'] });
  assert.deepEqual(
    choices.map((c) => [c.label, c.description, c.target]),
    [
      ['add team', 'd4 · pending · head', 'd4'],
      ['drop bio', 'c3 · pending', 'c3'],
    ],
  );
});

test('Downgrade to… offers what is applied below the current revision, then base', () => {
  const { choices } = targetChoices('downgrade', { revisions: chain, current: ['c3'] });
  assert.deepEqual(
    choices.map((c) => c.target),
    ['b2', 'a1', 'base'],
  );
  assert.match(choices[0]?.description ?? '', /applied/);
});

test('nothing to pick says why; an unknown state lists every revision and says so', () => {
  assert.equal(targetChoices('upgrade', { revisions: chain, current: ['d4'] }).empty, 'Nothing to upgrade: every revision is applied.');
  assert.equal(targetChoices('downgrade', { revisions: chain, current: [] }).empty, 'Nothing to downgrade: no revision is applied.');
  const unknown = targetChoices('upgrade', { revisions: chain, current: null });
  assert.equal(unknown.choices.length, 4);
  assert.match(unknown.choices[0]?.description ?? '', /state unknown/);
});

test('Show SQL offers "Pending revisions" only when some revision is not applied', () => {
  const graph = {
    heads: ['c3'],
    revisions: [
      { id: 'a1', downRevisions: [], message: 'one' },
      { id: 'b2', downRevisions: ['a1'], message: 'two' },
      { id: 'c3', downRevisions: ['b2'], message: 'three' },
    ],
  } as never;
  const behind = sqlRangeChoices(graph, ['a1']);
  assert.deepEqual(behind[0], { label: 'Pending revisions', description: '2 revisions: a1 → head', from: 'a1', to: 'head' });
  const atHead = sqlRangeChoices(graph, ['c3']);
  assert.ok(!atHead.some((c) => c.label === 'Pending revisions'), JSON.stringify(atHead));
  assert.deepEqual(
    atHead.map((c) => c.label),
    ['Whole history', 'c3', 'b2', 'a1'],
  );
  assert.ok(!sqlRangeChoices(graph, null).some((c) => c.label === 'Pending revisions'));
});
