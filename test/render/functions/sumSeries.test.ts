import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sum, sumSeries } from '../../../src/render/functions/sumSeries.js';
import { call, context, series, vals } from './helpers.js';

test('sums several lists, nulls skipped, all-null stays null; sum is the same function', async () => {
  for (const fn of [sumSeries, sum]) {
    const [s] = await call(fn, { seriesLists: [[series('a', 0, 10, [1, null, null])], [series('b', 0, 10, [2, 3, null])]] });
    assert.equal(s.name, 'sumSeries(a,b)');
    assert.deepEqual(vals(s), [3, 3, null]);
    assert.equal(s.tags.aggregatedBy, 'sum');
  }
});

test("the request's xFilesFactor applies; nothing in, nothing out", async () => {
  const lists = [[series('a', 0, 10, [1, 1])], [series('b', 0, 10, [1, null])]];
  assert.deepEqual(vals((await call(sumSeries, { seriesLists: lists }, context({ xFilesFactor: 1 })))[0]), [2, null]);
  assert.deepEqual(await call(sumSeries, { seriesLists: [[]] }), []);
});
