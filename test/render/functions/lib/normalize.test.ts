import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcm, normalize } from '../../../../src/render/functions/lib/normalize.js';
import { series } from '../helpers.js';

test('lcm of steps', () => {
  assert.equal(lcm(10, 60), 60);
  assert.equal(lcm(4, 6), 12);
  assert.equal(lcm(7, 7), 7);
});

test('normalize consolidates to the LCM step by each series own function; bounds from all', () => {
  const a = series('a', 1000, 10, [1, 2, 3, 4, 5, 6]);
  const b = series('b', 990, 15, [10, null, 30, 40], { consolidationFunc: 'sum' });
  const n = normalize([[a], [b]])!;
  assert.equal(n.step, 30);
  assert.equal(n.start, 990);
  // latest end 1060 trimmed to whole steps from 990: 990 + 60
  assert.equal(n.end, 1050);
  assert.deepEqual(Array.from(n.values[0]), [2, 5]);
  assert.deepEqual(Array.from(n.values[1]), [10, 70]);
});

test('normalize of nothing is null (graphite-web: NormalizeEmptyResultError)', () => {
  assert.equal(normalize([]), null);
  assert.equal(normalize([[], []]), null);
});
