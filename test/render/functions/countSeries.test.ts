import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countSeries } from '../../../src/render/functions/countSeries.js';
import { call, context, series, vals } from './helpers.js';

test('a line at the number of series; no argument is a line at 0 named 0; an empty list gives nothing', async () => {
  const [s] = await call(countSeries, { seriesLists: [[series('a', 0, 10, [null, null]), series('b', 0, 10, [1, 2, 3])]] });
  assert.equal(s.name, 'countSeries(a,b)');
  assert.deepEqual(vals(s), [2, 2, 2]);
  const [zero] = await call(countSeries, { seriesLists: [] }, context({ startTime: 0, endTime: 100 }));
  assert.equal(zero.name, '0');
  assert.equal(zero.pathExpression, 'countSeries()');
  assert.deepEqual(vals(zero), [0, 0, 0]);
  assert.deepEqual(await call(countSeries, { seriesLists: [[]] }), []);
});
