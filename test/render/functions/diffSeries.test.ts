import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSeries } from '../../../src/render/functions/diffSeries.js';
import { call, series, vals } from './helpers.js';

test('first minus the rest; the first value present leads when the first series is null', async () => {
  const [s] = await call(diffSeries, { seriesLists: [[series('a', 0, 10, [10, null, 5])], [series('b', 0, 10, [1, 2, null]), series('c', 0, 10, [2, 3, null])]] });
  assert.equal(s.name, 'diffSeries(a,b,c)');
  assert.deepEqual(vals(s), [7, -1, 5]);
});
