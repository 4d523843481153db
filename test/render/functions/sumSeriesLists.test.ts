import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sumSeriesLists } from '../../../src/render/functions/sumSeriesLists.js';
import { call, series, vals } from './helpers.js';

test('sums the i-th series of each list, nulls skipped', async () => {
  const out = await call(sumSeriesLists, {
    seriesListFirstPos: [series('a.x', 0, 10, [1, null, null]), series('a.y', 0, 10, [4, 5])],
    seriesListSecondPos: [series('b.x', 0, 10, [2, 2, null]), series('b.y', 0, 10, [1, 1, 1])],
  });
  assert.deepEqual(out.map((s) => [s.name, s.tags.aggregatedBy, vals(s)]), [
    ['sumSeries(a.x,b.x)', 'sum', [3, 2, null]],
    ['sumSeries(a.y,b.y)', 'sum', [5, 6, 1]],
  ]);
  await assert.rejects(call(sumSeriesLists, { seriesListFirstPos: [series('a', 0, 10, [1])], seriesListSecondPos: [] }), /must have equal length/);
});
