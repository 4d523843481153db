import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiplySeriesLists } from '../../../src/render/functions/multiplySeriesLists.js';
import { call, series, vals } from './helpers.js';

test('the product of each pair, null when either side is', async () => {
  const out = await call(multiplySeriesLists, {
    seriesListFirstPos: [series('a.x', 0, 10, [2, null, 3]), series('a.y', 0, 10, [1, 2, 3, 4])],
    seriesListSecondPos: [series('b.x', 0, 10, [4, 6, null]), series('b.y', 0, 20, [5, 7])],
  });
  assert.deepEqual(out.map((s) => [s.name, vals(s)]), [
    ['multiplySeries(a.x,b.x)', [8, null, null]],
    ['multiplySeries(a.y,b.y)', [7.5, 24.5]],
  ]);
});
