import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { Debouncer } from '../../src/lsp/debounce';

describe('debouncer', () => {
  it('runs a lone change on the next turn, coalesces a burst into one trailing run', () => {
    mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    try {
      let clock = 0;
      const runs: string[] = [];
      const debouncer = new Debouncer<string>(
        20,
        (key) => runs.push(key),
        () => clock,
      );

      debouncer.schedule('a');
      assert.equal(debouncer.isPending('a'), true);
      mock.timers.tick(0);
      assert.deepEqual(runs, ['a'], 'after a quiet spell: no timer delay');

      clock += 5;
      debouncer.schedule('a');
      clock += 5;
      debouncer.schedule('a');
      mock.timers.tick(19);
      assert.deepEqual(runs, ['a'], 'a burst waits for the delay after its last change');
      mock.timers.tick(1);
      assert.deepEqual(runs, ['a', 'a']);

      clock += 100;
      debouncer.schedule('b');
      assert.equal(debouncer.flush('b'), true, 'flush runs a pending key now');
      assert.deepEqual(runs, ['a', 'a', 'b']);
      assert.equal(debouncer.flush('b'), false);
      mock.timers.tick(100);
      assert.deepEqual(runs, ['a', 'a', 'b'], 'a flushed run does not run again');
    } finally {
      mock.timers.reset();
    }
  });
});
