import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powSeries } from '../../../src/render/functions/powSeries.js';
import { call, series, vals } from './helpers.js';

test('each series raised to the power of the next, point by point, named by the series names', async () => {
  const [s] = await call(powSeries, { seriesList: [[series('a', 0, 10, [2, 3, null, 4])], [series('b', 0, 10, [3, 2, 2]), series('c', 0, 10, [2, null, 1, 0.5])]] });
  assert.equal(s.name, 'powSeries(a,b,c)');
  // (2^3)^2, a null exponent, a null base, a missing point of b
  assert.deepEqual(vals(s), [64, null, null, null]);
});

test('no real finite power is null; one series is itself', async () => {
  const [s] = await call(powSeries, { seriesList: [[series('base', 0, 10, [-8, 0, 10, 4])], [series('exp', 0, 10, [1 / 3, -1, 400, 0.5])]] });
  assert.deepEqual(vals(s), [null, null, null, 2]);
  assert.deepEqual(vals((await call(powSeries, { seriesList: [[series('x', 0, 10, [1, null])]] }))[0]), [1, null]);
  assert.deepEqual(await call(powSeries, { seriesList: [[]] }), []);
});
