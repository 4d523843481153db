import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageOutsidePercentile } from '../../../src/render/functions/averageOutsidePercentile.js';
import { call, series } from './helpers.js';

// averages 1..5
const list = () => [1, 2, 3, 4, 5].map((v) => series(`s${v}`, 0, 10, [v, null, v]));

test('keeps the series whose average is not strictly inside the band of percentiles', async () => {
  // 80th percentile of 5 values: rank ceil(0.8 * 6) = 5 -> 5; 20th: rank ceil(1.2) = 2 -> 2
  assert.deepEqual((await call(averageOutsidePercentile, { seriesList: list(), n: 80 })).map((s) => s.name), ['s1', 's2', 's5']);
  assert.deepEqual((await call(averageOutsidePercentile, { seriesList: list(), n: 20 })).map((s) => s.name), ['s1', 's2', 's5'], 'n below 50 is 100 - n');
  assert.deepEqual(await call(averageOutsidePercentile, { seriesList: [], n: 90 }), []);
});

test('a series without values stays (graphite-web fails on it)', async () => {
  const out = await call(averageOutsidePercentile, { seriesList: [...list(), series('empty', 0, 10, [null])], n: 80 });
  assert.deepEqual(out.map((s) => s.name), ['s1', 's2', 's5', 'empty']);
});
