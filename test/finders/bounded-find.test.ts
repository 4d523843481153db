import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindTimeoutError, findBounded } from '../../src/finders/bounded-find.js';
import { FindLimitError } from '../../src/finders/glob/errors.js';
import type { FindOptions, MetricIndex, MetricNode } from '../../src/finders/metric-index.js';

/** An index whose find yields `count` leaves, waiting `delayMs` before each; records what it was asked. */
function slowIndex(count: number, delayMs: number) {
  const seen = { options: [] as FindOptions[], returned: false, yielded: 0 };
  const index: MetricIndex = {
    find(_pattern: string, opts?: FindOptions): AsyncIterable<MetricNode> {
      seen.options.push(opts ?? {});
      return {
        [Symbol.asyncIterator]() {
          let i = 0;
          return {
            async next() {
              if (i >= count) return { done: true, value: undefined };
              await new Promise((r) => setTimeout(r, delayMs));
              seen.yielded++;
              return { done: false, value: { path: `a.n${i++}`, isLeaf: true } };
            },
            async return() {
              seen.returned = true;
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
    register: async () => {},
    delete: async () => 0,
    unregister: async () => 0,
    close: async () => {},
  };
  return { index, seen };
}

test('findBounded returns every node within the bounds, asking the index for one more than the cap', async () => {
  const { index, seen } = slowIndex(5, 0);
  const nodes = await findBounded(index, 'a.*', { leavesOnly: true }, { maxNodes: 5, timeoutMs: 10_000 });
  assert.deepEqual(nodes.map((n) => n.path), ['a.n0', 'a.n1', 'a.n2', 'a.n3', 'a.n4']);
  assert.equal(seen.options.length, 1);
  const { signal, ...asked } = seen.options[0];
  assert.deepEqual(asked, { leavesOnly: true, limit: 6 });
  assert.ok(signal instanceof AbortSignal && !signal.aborted, 'the index is given the signal that calls the find off');
});

test('findBounded fails past the cap and stops the index', async () => {
  const { index, seen } = slowIndex(100, 0);
  await assert.rejects(findBounded(index, 'a.*', {}, { maxNodes: 3, timeoutMs: 10_000 }), (err: unknown) => {
    assert.ok(err instanceof FindLimitError);
    assert.equal(err.pattern, 'a.*');
    assert.equal(err.limit, 3);
    return true;
  });
  assert.equal(seen.returned, true);
  assert.ok(seen.yielded <= 4);
});

test('findBounded gives up at the time limit even while the index is still working, and stops it', async () => {
  const { index, seen } = slowIndex(1_000_000, 5);
  await assert.rejects(findBounded(index, 'slow.*', {}, { maxNodes: 1_000_000, timeoutMs: 30 }), (err: unknown) => {
    assert.ok(err instanceof FindTimeoutError);
    assert.match(err.message, /slow\.\*/);
    assert.match(err.message, /limits\.find\.timeoutMs/);
    return true;
  });
  assert.equal(seen.returned, true);
  const after = seen.yielded;
  await new Promise((r) => setTimeout(r, 30));
  assert.ok(seen.yielded <= after + 1, 'the walk stopped');
});
