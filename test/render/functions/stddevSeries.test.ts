import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stddevSeries } from '../../../src/render/functions/stddevSeries.js';
import { call, context, series, vals } from './helpers.js';

test('the population standard deviation of each point over the series with a value there', async () => {
  const lists = [[series('a', 0, 10, [2, 1, null]), series('b', 0, 10, [4, null, null])], [series('c', 0, 10, [9, 5, null])]];
  const [s] = await call(stddevSeries, { seriesLists: lists });
  assert.equal(s.name, 'stddevSeries(a,b,c)');
  assert.equal(s.tags.aggregatedBy, 'stddev');
  const [p0, p1, p2] = vals(s);
  assert.ok(Math.abs(p0! - Math.sqrt(((2 - 5) ** 2 + (4 - 5) ** 2 + (9 - 5) ** 2) / 3)) < 1e-12);
  assert.deepEqual([p1, p2], [2, null]);
});

test("different steps meet at their least common step; the request's xFilesFactor nulls sparse points", async () => {
  const lists = [[series('fine', 0, 10, [1, 3, 5, 7]), series('coarse', 0, 20, [4, null])]];
  const [s] = await call(stddevSeries, { seriesLists: lists });
  assert.equal(s.step, 20);
  assert.deepEqual(vals(s), [1, 0]);
  assert.deepEqual(vals((await call(stddevSeries, { seriesLists: lists }, context({ xFilesFactor: 0.6 })))[0]), [1, null]);
  assert.deepEqual(await call(stddevSeries, { seriesLists: [[]] }), []);
});
