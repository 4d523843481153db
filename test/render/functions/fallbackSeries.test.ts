import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackSeries } from '../../../src/render/functions/fallbackSeries.js';
import { call, series } from './helpers.js';

test('the first list when it has series, else the fallback', async () => {
  const a = series('a', 0, 10, [null]);
  const b = series('b', 0, 10, [1]);
  assert.deepEqual((await call(fallbackSeries, { seriesList: [a], fallback: [b] })).map((s) => s.name), ['a'], 'a series of nulls is still a series');
  assert.deepEqual((await call(fallbackSeries, { seriesList: [], fallback: [b] })).map((s) => s.name), ['b']);
  assert.deepEqual(await call(fallbackSeries, { seriesList: [], fallback: [] }), []);
});
