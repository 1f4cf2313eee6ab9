import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRevisionNodes, orderRevisions, unknownCurrent, type RevisionInfo } from '../src/model/revisionTree';

const chain: RevisionInfo[] = [
  { id: 'a1', parents: [], message: 'create user', file: '/p/migrations/versions/a1_create_user.py' },
  { id: 'b2', parents: ['a1'], message: 'add email' },
  { id: 'c3', parents: ['b2'], message: 'drop bio' },
];

// a1 ─ b2 ─┬─ c3 ─┐
//          └─ d4 ─┴─ m5 (merge)
const branched: RevisionInfo[] = [...chain, { id: 'd4', parents: ['b2'], message: 'add team' }, { id: 'm5', parents: ['c3', 'd4'], message: 'merge heads' }];

test('a linear chain is listed newest first with applied, current and pending states', () => {
  const nodes = buildRevisionNodes({ revisions: chain, current: ['b2'] });
  assert.deepEqual(
    nodes.map((n) => [n.label, n.state]),
    [
      ['drop bio', 'pending'],
      ['add email', 'current'],
      ['create user', 'applied'],
    ],
  );
  assert.equal(nodes[0]?.contextValue, 'revision.pending revision.head');
  assert.equal(nodes[1]?.contextValue, 'revision.current');
  assert.equal(nodes[2]?.contextValue, 'revision.applied revision.base');
  assert.deepEqual(
    nodes.map((n) => n.icon.id),
    ['arrow-circle-up', 'debug-stackframe', 'pass-filled'],
  );
  assert.equal(nodes[0]?.description, 'c3 · pending · head');
  assert.equal(nodes[0]?.id, 'revision:c3');
  assert.equal(nodes[2]?.file, '/p/migrations/versions/a1_create_user.py');
  assert.equal(nodes[1]?.file, undefined);
});

test('an empty database makes every revision pending; no database leaves states unknown', () => {
  assert.deepEqual(
    buildRevisionNodes({ revisions: chain, current: [] }).map((n) => n.state),
    ['pending', 'pending', 'pending'],
  );
  const unknown = buildRevisionNodes({ revisions: chain, current: null });
  assert.deepEqual(
    unknown.map((n) => n.state),
    ['unknown', 'unknown', 'unknown'],
  );
  assert.equal(unknown[1]?.contextValue, 'revision.unknown');
  assert.equal(unknown[1]?.icon.color, undefined);
  assert.equal(unknown[0]?.description, 'c3 · head');
});

test('branch points and merges get their own glyph, state color and context tokens', () => {
  const nodes = buildRevisionNodes({ revisions: branched, current: ['c3'] });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  assert.deepEqual(
    nodes.map((n) => n.id),
    ['revision:m5', 'revision:c3', 'revision:d4', 'revision:b2', 'revision:a1'],
  );
  const merge = byId.get('revision:m5');
  assert.equal(merge?.icon.id, 'git-merge');
  assert.equal(merge?.contextValue, 'revision.pending revision.head revision.merge');
  const fork = byId.get('revision:b2');
  assert.equal(fork?.icon.id, 'repo-forked');
  assert.equal(fork?.icon.color, 'testing.iconPassed');
  assert.equal(fork?.contextValue, 'revision.applied revision.branchPoint');
  // d4 is on the other branch: not an ancestor of c3, so still pending.
  assert.equal(byId.get('revision:d4')?.state, 'pending');
  assert.equal(byId.get('revision:a1')?.state, 'applied');
});

test('several current heads mark the union of their ancestors applied', () => {
  const nodes = buildRevisionNodes({ revisions: branched, current: ['c3', 'd4'] });
  assert.deepEqual(
    nodes.map((n) => `${n.id}=${n.state}`),
    ['revision:m5=pending', 'revision:c3=current', 'revision:d4=current', 'revision:b2=applied', 'revision:a1=applied'],
  );
});

test('ordering keeps each branch contiguous and is independent of input order', () => {
  const shuffled = [branched[3], branched[0], branched[4], branched[2], branched[1]] as RevisionInfo[];
  assert.deepEqual(
    orderRevisions(shuffled).map((r) => r.id),
    ['m5', 'c3', 'd4', 'b2', 'a1'],
  );
  // Two unmerged heads: each branch listed down to the fork before the shared trunk.
  const twoHeads = branched.slice(0, 4);
  assert.deepEqual(
    orderRevisions(twoHeads).map((r) => r.id),
    ['c3', 'd4', 'b2', 'a1'],
  );
});

test('a cycle or a dangling parent never loses a revision', () => {
  const broken: RevisionInfo[] = [
    { id: 'x', parents: ['y'], message: 'x' },
    { id: 'y', parents: ['x'], message: 'y' },
    { id: 'z', parents: ['missing'], message: 'z' },
  ];
  const ids = orderRevisions(broken).map((r) => r.id);
  assert.deepEqual([...ids].sort(), ['x', 'y', 'z']);
  assert.equal(ids[0], 'z');
});

test('a database revision the files do not know is reported', () => {
  assert.deepEqual(unknownCurrent({ revisions: chain, current: ['b2', 'zz9'] }), ['zz9']);
  assert.deepEqual(unknownCurrent({ revisions: chain, current: null }), []);
});

test('labels and accessibility text are stable and readable', () => {
  const [node] = buildRevisionNodes({ revisions: [{ id: '0123456789abcdef', parents: [], message: '  ' }], current: ['0123456789abcdef'] });
  assert.equal(node?.label, '(no message)');
  assert.equal(node?.description, '0123456789ab · current · head · base');
  assert.equal(node?.accessibilityLabel, 'Revision 0123456789abcdef, (no message), current, head, base');
  assert.match(node?.tooltip ?? '', /Revises: <base>/);
});
