import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeBetweenPercentile } from '../../../src/render/functions/removeBetweenPercentile.js';
import { call, series } from './helpers.js';

test('keeps the series outside the band of the percentiles of some moment', async () => {
  // moment 0: 1..5 (20th -> 2, 80th -> 5); moment 1: 5..1 reversed
  const list = [1, 2, 3, 4, 5].map((v) => series(`s${v}`, 0, 10, [v, 6 - v]));
  // s1 (1 <= 2), s2 (2 <= 2), s5 (5 >= 5) at moment 0; s4 (6-4=2) and s1 (5) at moment 1
  assert.deepEqual((await call(removeBetweenPercentile, { seriesList: list, n: 80 })).map((s) => s.name), ['s1', 's2', 's4', 's5']);
  assert.deepEqual((await call(removeBetweenPercentile, { seriesList: list, n: 20 })).map((s) => s.name), ['s1', 's2', 's4', 's5'], 'n below 50 is 100 - n');
  assert.deepEqual(await call(removeBetweenPercentile, { seriesList: [], n: 90 }), []);
});

test('a null, or a point past the shortest series, counts as outside (graphite-web fails there)', async () => {
  const inside = (name: string, values: (number | null)[]) => series(name, 0, 10, values);
  const list = [inside('lo', [1, 1]), inside('mid', [3, 3]), inside('hi', [5, 5]), inside('gap', [3, null]), inside('long', [3, 3, 3])];
  assert.deepEqual((await call(removeBetweenPercentile, { seriesList: list, n: 90 })).map((s) => s.name), ['lo', 'hi', 'gap', 'long']);
});
