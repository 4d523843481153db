import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageSeries, avg } from '../../../src/render/functions/averageSeries.js';
import { call, series, vals } from './helpers.js';

test('average over the series present at each point; avg is the same function', async () => {
  for (const fn of [averageSeries, avg]) {
    const [s] = await call(fn, { seriesLists: [[series('a', 0, 10, [1, null, 3]), series('b', 0, 10, [2, 4])]] });
    assert.equal(s.name, 'averageSeries(a,b)');
    assert.deepEqual(vals(s), [1.5, 4, 3]);
  }
});
