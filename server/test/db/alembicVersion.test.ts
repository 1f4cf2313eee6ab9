import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionChange, versionStatementSql, type VersionGraph } from '../../src/db/alembicVersion';

// base → a → b ─┬─ c1 ─┬─ m (merge)
//               └─ c2 ─┘
const PARENTS: Record<string, string[]> = { a: [], b: ['a'], c1: ['b'], c2: ['b'], m: ['c1', 'c2'] };
const graph: VersionGraph = {
  parents: (rev) => PARENTS[rev] ?? [],
  isAncestor(ancestor, descendant) {
    const stack = [...(PARENTS[descendant] ?? [])];
    while (stack.length > 0) {
      const rev = stack.pop() as string;
      if (rev === ancestor) return true;
      stack.push(...(PARENTS[rev] ?? []));
    }
    return false;
  },
};

test('upgrading from base inserts, a linear step updates', () => {
  assert.deepEqual(versionChange([], { revision: 'a', direction: 'up' }, graph), { heads: ['a'], statements: [{ kind: 'insert', revision: 'a' }] });
  assert.deepEqual(versionChange(['a'], { revision: 'b', direction: 'up' }, graph), { heads: ['b'], statements: [{ kind: 'update', from: 'a', to: 'b' }] });
});

test('the second branch of a branch point inserts a row; a merge deletes one parent row and updates the other', () => {
  const first = versionChange(['b'], { revision: 'c1', direction: 'up' }, graph);
  assert.deepEqual(first.heads, ['c1']);
  const second = versionChange(first.heads, { revision: 'c2', direction: 'up' }, graph);
  assert.deepEqual(second, { heads: ['c1', 'c2'], statements: [{ kind: 'insert', revision: 'c2' }] });
  const merged = versionChange(second.heads, { revision: 'm', direction: 'up' }, graph);
  assert.deepEqual(merged, {
    heads: ['m'],
    statements: [
      { kind: 'delete', revision: 'c2' },
      { kind: 'update', from: 'c1', to: 'm' },
    ],
  });
});

test('downgrades mirror upgrades: un-merge inserts, a branch whose parent another head implies deletes, base deletes', () => {
  const unmerged = versionChange(['m'], { revision: 'm', direction: 'down' }, graph);
  assert.deepEqual(unmerged, {
    heads: ['c1', 'c2'],
    statements: [
      { kind: 'update', from: 'm', to: 'c1' },
      { kind: 'insert', revision: 'c2' },
    ],
  });
  const dropBranch = versionChange(['c1', 'c2'], { revision: 'c2', direction: 'down' }, graph);
  assert.deepEqual(dropBranch, { heads: ['c1'], statements: [{ kind: 'delete', revision: 'c2' }] });
  assert.deepEqual(versionChange(['c1'], { revision: 'c1', direction: 'down' }, graph), {
    heads: ['b'],
    statements: [{ kind: 'update', from: 'c1', to: 'b' }],
  });
  assert.deepEqual(versionChange(['a'], { revision: 'a', direction: 'down' }, graph), { heads: [], statements: [{ kind: 'delete', revision: 'a' }] });
  assert.throws(() => versionChange(['b'], { revision: 'a', direction: 'down' }, graph), /not a current head/);
});

test('the SQL is the statements Alembic emits', () => {
  assert.equal(versionStatementSql({ kind: 'insert', revision: 'a' }), "INSERT INTO alembic_version (version_num) VALUES ('a')");
  assert.equal(
    versionStatementSql({ kind: 'update', from: 'a', to: 'b' }),
    "UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'a'",
  );
  assert.equal(versionStatementSql({ kind: 'delete', revision: 'a' }), "DELETE FROM alembic_version WHERE alembic_version.version_num = 'a'");
});
