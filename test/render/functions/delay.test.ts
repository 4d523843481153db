import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delay } from '../../../src/render/functions/delay.js';
import { call, series, vals } from './helpers.js';

const list = () => [series('a', 100, 10, [1, 2, 3, 4])];

test('points moved later by `steps`, nulls in front; earlier when negative, nulls behind', async () => {
  const [s] = await call(delay, { seriesList: list(), steps: 1 });
  assert.equal(s.name, 'delay(a,1)');
  assert.equal(s.pathExpression, 'delay(a,1)');
  assert.equal(s.tags.delay, '1');
  assert.deepEqual([s.start, s.end, s.step], [100, 140, 10]);
  assert.deepEqual(vals(s), [null, 1, 2, 3]);
  assert.deepEqual(vals((await call(delay, { seriesList: list(), steps: -3 }))[0]), [4, null, null, null]);
});

test('past the length: all null; zero steps: no points at all, as Python slices values[:-0]', async () => {
  assert.deepEqual(vals((await call(delay, { seriesList: list(), steps: 9 }))[0]), [null, null, null, null]);
  assert.deepEqual(vals((await call(delay, { seriesList: list(), steps: -9 }))[0]), [null, null, null, null]);
  const [zero] = await call(delay, { seriesList: list(), steps: 0 });
  assert.equal(zero.name, 'delay(a,0)');
  assert.deepEqual(vals(zero), []);
});
