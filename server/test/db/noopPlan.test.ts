// A no-op upgrade (the database is already at the target) plans without replaying the history:
// the schema is only needed to render statements, and there are none.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadHistory } from '../../src/core/history/load';
import { initPythonParser } from '../../src/core/python/parser';
import { historyPlanner, type HistoryView } from '../../src/db/plan';

const CLASSIC = path.resolve(__dirname, '../../../test-fixtures/classic');

describe('no-op plans', () => {
  before(() => initPythonParser());

  it('upgrade head at head, and downgrade to where the database is, never ask for a replayed schema', () => {
    const history = loadHistory(CLASSIC);
    const view: HistoryView = {
      graph: history.graph,
      schemaAt: () => assert.fail('a no-op plan replayed the history'),
      applyOpsInPlace: () => assert.fail('a no-op plan applied ops'),
    };
    const heads = history.graph.heads;
    const up = historyPlanner(view, 'upgrade', 'head')([...heads]);
    assert.ok(up.ok);
    assert.deepEqual(up.steps, []);
    const down = historyPlanner(view, 'downgrade', heads[0] as string)([...heads]);
    assert.ok(down.ok);
    assert.deepEqual(down.steps, []);
  });

  it('a real step still replays (the schema before it is needed)', () => {
    const history = loadHistory(CLASSIC);
    let replays = 0;
    const view: HistoryView = {
      graph: history.graph,
      schemaAt: () => (replays++, { tables: {}, enums: {} }),
      applyOpsInPlace: () => undefined,
    };
    const plan = historyPlanner(view, 'upgrade', 'head')([]);
    assert.ok(plan.ok);
    assert.ok(plan.steps.length > 0);
    assert.equal(replays, 1);
  });
});
