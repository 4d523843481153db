import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiplySeries } from '../../../src/render/functions/multiplySeries.js';
import { call, series, vals } from './helpers.js';

test('product, null as soon as one factor is null; a single series comes back as it is', async () => {
  const [s] = await call(multiplySeries, { seriesLists: [[series('a', 0, 10, [2, 3])], [series('b', 0, 10, [4, null])]] });
  assert.equal(s.name, 'multiplySeries(a,b)');
  assert.deepEqual(vals(s), [8, null]);
  const single = series('a', 0, 10, [2]);
  assert.deepEqual(await call(multiplySeries, { seriesLists: [[single]] }), [single]);
});
