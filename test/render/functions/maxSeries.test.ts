import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxSeries } from '../../../src/render/functions/maxSeries.js';
import { call, series, vals } from './helpers.js';

test('point-wise maximum, nulls ignored', async () => {
  const [s] = await call(maxSeries, { seriesLists: [[series('a', 0, 10, [1, null, -3]), series('b', 0, 10, [2, null, null])]] });
  assert.equal(s.name, 'maxSeries(a,b)');
  assert.deepEqual(vals(s), [2, null, -3]);
});
