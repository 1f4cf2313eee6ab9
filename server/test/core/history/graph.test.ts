// RevisionGraph, revision specs and paths, checked against what Alembic's RevisionMap does.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initPythonParser } from '../../../src/core/python/parser';
import { parseRevisionFile } from '../../../src/core/history/revisionFile';
import { RevisionGraph } from '../../../src/core/history/graph';
import { resolveRevision } from '../../../src/core/history/resolve';
import { downgradeSteps, pathBetween, upgradeSteps } from '../../../src/core/history/path';
import { revisionText, type RevisionSpec } from './support/alembicProject';

function graphOf(specs: Partial<RevisionSpec>[]): RevisionGraph {
  return new RevisionGraph(
    specs.map((spec, index) => {
      const full: RevisionSpec = { id: `r${index}`, down: null, up: [], downgrade: [], ...spec };
      return parseRevisionFile(`/p/versions/${full.id}.py`, revisionText(full));
    }),
  );
}

const ok = (graph: RevisionGraph, spec: string, current?: string[]) => {
  const result = resolveRevision(graph, spec, current);
  assert.ok(result.ok, `${spec}: ${result.ok ? '' : result.error}`);
  return result.ok ? result.revisions : [];
};

const error = (graph: RevisionGraph, spec: string, current?: string[]) => {
  const result = resolveRevision(graph, spec, current);
  assert.equal(result.ok, false, `${spec} should not resolve`);
  return result.ok ? '' : result.error;
};

describe('RevisionGraph', () => {
  before(async () => {
    await initPythonParser();
  });

  // base1 ─ a2 ─┬─ b3 ──────┬─ m5 ─ c6
  //             └─ x4 ──────┘
  const merged = () =>
    graphOf([
      { id: 'base1111', down: null },
      { id: 'a2222222', down: 'base1111' },
      { id: 'b3333333', down: 'a2222222' },
      { id: 'x4444444', down: 'a2222222' },
      { id: 'm5555555', down: ['b3333333', 'x4444444'] },
      { id: 'c6666666', down: 'm5555555' },
    ]);

  it('finds bases, heads, branch points and merges', () => {
    const graph = merged();
    assert.deepEqual(graph.notes, []);
    assert.deepEqual(graph.bases, ['base1111']);
    assert.deepEqual(graph.heads, ['c6666666']);
    assert.deepEqual(graph.branchPoints, ['a2222222']);
    assert.deepEqual(graph.merges, ['m5555555']);
    assert.deepEqual(graph.parents('m5555555'), ['b3333333', 'x4444444']);
    assert.deepEqual(graph.resolve('m555'), { ok: true, revisions: ['m5555555'] });
    const path = graph.path(['m5555555'], 'head');
    assert.deepEqual(path, { ok: true, steps: [{ revision: 'c6666666', direction: 'up' }] });
  });

  it('orders upgrade steps parents first and downgrade steps children first', () => {
    const graph = merged();
    const up = upgradeSteps(graph, [], ['c6666666']).map((s) => s.revision);
    assert.equal(up.length, 6);
    assert.ok(up.indexOf('m5555555') > up.indexOf('b3333333') && up.indexOf('m5555555') > up.indexOf('x4444444'));
    assert.equal(up[0], 'base1111');
    assert.deepEqual(
      upgradeSteps(graph, ['b3333333'], ['m5555555']).map((s) => s.revision),
      ['x4444444', 'm5555555'],
    );
    const down = downgradeSteps(graph, ['c6666666'], ['a2222222']);
    assert.ok(down.ok);
    if (down.ok) {
      assert.deepEqual(down.steps.map((s) => s.revision).slice(0, 2), ['c6666666', 'm5555555']);
      assert.deepEqual(new Set(down.steps.map((s) => s.revision)), new Set(['c6666666', 'm5555555', 'b3333333', 'x4444444']));
      assert.ok(down.steps.every((s) => s.direction === 'down'));
    }
    const toBase = downgradeSteps(graph, ['c6666666'], []);
    assert.ok(toBase.ok && toBase.steps.length === 6 && toBase.steps[5]?.revision === 'base1111');
  });

  it('pathBetween picks the direction like upgrade/downgrade would', () => {
    const graph = merged();
    const up = pathBetween(graph, ['a2222222'], 'head');
    assert.ok(up.ok && up.steps.every((s) => s.direction === 'up') && up.steps.length === 4);
    const down = pathBetween(graph, ['c6666666'], '-1');
    assert.ok(down.ok);
    if (down.ok)
      assert.deepEqual(
        down.steps.map((s) => s.revision),
        ['c6666666'],
      );
    const toBranch = pathBetween(graph, ['c6666666'], 'b3333333');
    assert.ok(toBranch.ok);
    if (toBranch.ok)
      assert.deepEqual(
        toBranch.steps.map((s) => s.revision),
        ['c6666666', 'm5555555'],
      );
    // Walking down through a merge is ambiguous, as in Alembic.
    const ambiguous = pathBetween(graph, ['c6666666'], '-2');
    assert.ok(!ambiguous.ok && /ambiguous/.test(ambiguous.error));
    const nothing = pathBetween(graph, ['c6666666'], 'head');
    assert.ok(nothing.ok && nothing.steps.length === 0);
  });

  it('resolves head, heads, base, full and partial ids', () => {
    const graph = merged();
    assert.deepEqual(ok(graph, 'head'), ['c6666666']);
    assert.deepEqual(ok(graph, 'heads'), ['c6666666']);
    assert.deepEqual(ok(graph, 'base'), []);
    assert.deepEqual(ok(graph, 'x4444444'), ['x4444444']);
    assert.deepEqual(ok(graph, 'x444'), ['x4444444']);
    // Like Alembic, a short prefix works when it is unique; the hint comes with a miss.
    assert.deepEqual(ok(graph, 'x44'), ['x4444444']);
    assert.match(error(graph, 'zz'), /at least four characters/);
    assert.match(error(graph, 'zzzz'), /no such revision/);
  });

  it('rejects an ambiguous partial id', () => {
    const graph = graphOf([
      { id: 'abcd1111', down: null },
      { id: 'abcd2222', down: 'abcd1111' },
    ]);
    assert.match(error(graph, 'abcd'), /several revisions start with "abcd"/);
    assert.deepEqual(ok(graph, 'abcd2'), ['abcd2222']);
  });

  it('resolves relative steps from head, from base, from a revision and from the current revisions', () => {
    const graph = graphOf([
      { id: 'aaaa0001', down: null },
      { id: 'aaaa0002', down: 'aaaa0001' },
      { id: 'aaaa0003', down: 'aaaa0002' },
      { id: 'aaaa0004', down: 'aaaa0003' },
    ]);
    assert.deepEqual(ok(graph, '-1'), ['aaaa0003']);
    assert.deepEqual(ok(graph, 'head-2'), ['aaaa0002']);
    assert.deepEqual(ok(graph, '+2'), ['aaaa0002']);
    assert.deepEqual(ok(graph, 'aaaa0002+1'), ['aaaa0003']);
    assert.deepEqual(ok(graph, '+1', ['aaaa0002']), ['aaaa0003']);
    assert.deepEqual(ok(graph, '-2', ['aaaa0002']), []);
    assert.match(error(graph, '+9'), /goes past the head/);
    assert.match(error(graph, '-9'), /goes past the base/);
  });

  it('several heads: "head" is an error that suggests a merge, "heads" lists them, rev@head picks one', () => {
    const graph = graphOf([
      { id: 'base0000', down: null },
      { id: 'left1111', down: 'base0000' },
      { id: 'right222', down: 'base0000' },
      { id: 'left3333', down: 'left1111' },
    ]);
    assert.deepEqual(graph.heads.sort(), ['left3333', 'right222']);
    assert.match(error(graph, 'head'), /several heads .* merge/);
    assert.deepEqual(ok(graph, 'heads').sort(), ['left3333', 'right222']);
    assert.deepEqual(ok(graph, 'left1111@head'), ['left3333']);
    assert.deepEqual(ok(graph, 'right222@head'), ['right222']);
    assert.match(error(graph, 'base0000+1'), /ambiguous walk/);
  });

  it('branch labels: label@head, label@base-relative, label alone, and membership checks', () => {
    const graph = graphOf([
      { id: 'core0001', down: null },
      { id: 'core0002', down: 'core0001' },
      { id: 'feat0001', down: null, branchLabels: ['feature'] },
      { id: 'feat0002', down: 'feat0001' },
    ]);
    assert.deepEqual(graph.bases.sort(), ['core0001', 'feat0001']);
    // Labelled independent branches are legitimate: no multiple-bases warning for them.
    assert.deepEqual(
      graph.notes.filter((n) => n.kind === 'multiple-bases'),
      [],
    );
    assert.deepEqual(ok(graph, 'feature@head'), ['feat0002']);
    assert.deepEqual(ok(graph, 'feature'), ['feat0001']);
    assert.deepEqual(ok(graph, 'feature@feat0002'), ['feat0002']);
    assert.match(error(graph, 'feature@core0002'), /not on branch "feature"/);
    assert.deepEqual(ok(graph, 'feature@+1'), ['feat0001']);
    assert.match(error(graph, 'nolabel@head'), /no such branch/);
  });

  it('depends_on: pulled into the upgrade, not a down_revision, dependents rolled back first', () => {
    const graph = graphOf([
      { id: 'aaaa0001', down: null },
      { id: 'aaaa0002', down: 'aaaa0001' },
      { id: 'bbbb0001', down: null, branchLabels: ['other'] },
      { id: 'bbbb0002', down: 'bbbb0001', dependsOn: ['aaaa0002'] },
    ]);
    assert.deepEqual(graph.dependencies('bbbb0002'), ['aaaa0002']);
    // aaaa0002 stays a head: depends_on does not make it a down revision.
    assert.deepEqual(graph.heads.sort(), ['aaaa0002', 'bbbb0002']);
    assert.deepEqual(ok(graph, 'heads'), ['bbbb0002']);
    const up = upgradeSteps(graph, [], ['bbbb0002']).map((s) => s.revision);
    assert.deepEqual(new Set(up), new Set(['aaaa0001', 'aaaa0002', 'bbbb0001', 'bbbb0002']));
    assert.ok(up.indexOf('aaaa0002') < up.indexOf('bbbb0002'));
    const down = downgradeSteps(graph, ['aaaa0002', 'bbbb0002'], ['aaaa0001']);
    assert.ok(down.ok);
    if (down.ok)
      assert.deepEqual(
        down.steps.map((s) => s.revision),
        ['bbbb0002', 'aaaa0002'],
      );
    // A dependency by branch label.
    const byLabel = graphOf([
      { id: 'aaaa0001', down: null, branchLabels: ['core'] },
      { id: 'bbbb0001', down: null, branchLabels: ['ext'], dependsOn: ['core'] },
    ]);
    assert.deepEqual(byLabel.dependencies('bbbb0001'), ['aaaa0001']);
  });

  it('reports duplicate ids, missing parents, cycles and unlabelled bases with file and line', () => {
    const graph = graphOf([
      { id: 'base0001', down: null },
      { id: 'dupe0002', down: 'base0001', fileName: 'one.py' },
      { id: 'dupe0002', down: 'base0001', fileName: 'two.py' },
      { id: 'lost0003', down: 'nowhere0' },
      { id: 'cyc00001', down: 'cyc00002' },
      { id: 'cyc00002', down: 'cyc00001' },
      { id: 'base0009', down: null },
    ]);
    const byKind = (kind: string) => graph.notes.filter((n) => n.kind === kind);
    const duplicate = byKind('duplicate-revision');
    assert.equal(duplicate.length, 1);
    assert.match(duplicate[0]?.message ?? '', /also defined in .*dupe0002\.py/);
    assert.equal(duplicate[0]?.location?.range.start.line, revisionLine('revision'));
    const missing = byKind('missing-down-revision');
    assert.equal(missing.length, 1);
    assert.match(missing[0]?.message ?? '', /nowhere0/);
    assert.equal(missing[0]?.location?.range.start.line, revisionLine('down_revision'));
    assert.equal(byKind('revision-cycle').length, 2);
    assert.ok(!graph.has('cyc00001'));
    const bases = byKind('multiple-bases');
    assert.ok(bases.length >= 2);
    assert.ok(bases.every((n) => n.location && n.severity === 'warning'));
    assert.ok(graph.notes.every((n) => n.location?.file.startsWith('/p/versions/')));
  });
});

/** The 0-based line of a module attribute in revisionText's layout. */
function revisionLine(name: string): number {
  const lines = revisionText({ id: 'x', down: 'y', up: [], downgrade: [] }).split('\n');
  return lines.findIndex((l) => l.startsWith(`${name} =`));
}
