import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rangeOfSeries } from '../../../src/render/functions/rangeOfSeries.js';
import { call, series, vals } from './helpers.js';

test('the largest value minus the smallest at each point, nulls left out', async () => {
  const lists = [[series('a', 0, 10, [1, null, null, 7])], [series('b', 0, 10, [5, 2, null]), series('c', 0, 10, [-3, 4, null, 7])]];
  const [s] = await call(rangeOfSeries, { seriesLists: lists });
  assert.equal(s.name, 'rangeOfSeries(a,b,c)');
  assert.equal(s.tags.aggregatedBy, 'rangeOf');
  assert.deepEqual(vals(s), [8, 2, null, 0]);
  assert.deepEqual(await call(rangeOfSeries, { seriesLists: [[]] }), []);
});
