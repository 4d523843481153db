import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentileOfSeries } from '../../../src/render/functions/percentileOfSeries.js';
import { call, series, vals } from './helpers.js';

const list = () => [
  series('h.a.lat', 0, 10, [1, 10, null]),
  series('h.b.lat', 0, 10, [2, null, null]),
  series('h.c.lat', 0, 10, [3, 30]),
  series('h.d.lat', 0, 10, [4, 40, null]),
];

test('the nearest-rank percentile of each point across the series, named after the first pathExpression', async () => {
  const [s] = await call(percentileOfSeries, { seriesList: list(), n: 50 });
  assert.equal(s.name, 'percentileOfSeries(h.a.lat,50)');
  // ranks ceil(0.5 * 5) = 3 of [1,2,3,4]; ceil(0.5 * 4) = 2 of [10,30,40]; a point with no value is null
  assert.deepEqual(vals(s), [3, 30, null]);
});

test('interpolated between the nearest ranks; n as %g', async () => {
  const [s] = await call(percentileOfSeries, { seriesList: list(), n: 62.5, interpolate: true });
  assert.equal(s.name, 'percentileOfSeries(h.a.lat,62.5)');
  // 0.625 * 5 = 3.125: the third value and an eighth of the way to the fourth
  assert.deepEqual(vals(s).slice(0, 2), [3.125, 35]);
});

test('a percent of zero or less is refused; no series, no answer', async () => {
  await assert.rejects(call(percentileOfSeries, { seriesList: list(), n: 0 }), /greater than 0/);
  await assert.rejects(call(percentileOfSeries, { seriesList: list(), n: -5 }), /greater than 0/);
  assert.deepEqual(await call(percentileOfSeries, { seriesList: [], n: 50 }), []);
});
