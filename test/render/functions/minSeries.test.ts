import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minSeries } from '../../../src/render/functions/minSeries.js';
import { call, series, vals } from './helpers.js';

test('point-wise minimum, nulls ignored', async () => {
  const [s] = await call(minSeries, { seriesLists: [[series('a', 0, 10, [1, null, -3]), series('b', 0, 10, [2, 4, null])]] });
  assert.equal(s.name, 'minSeries(a,b)');
  assert.deepEqual(vals(s), [1, 4, -3]);
});
