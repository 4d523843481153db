import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasByMetric } from '../../../src/render/functions/aliasByMetric.js';
import { call, series } from './helpers.js';

test('the last node of the innermost path, cut at a comma', async () => {
  const list = ['a.b.c', 'scale(a.b.c,2)', 'movingAverage(x.y,"1min")', 'disk.used;dc=eu', 'nodots'].map((n) => series(n, 0, 10, [1]));
  const out = await call(aliasByMetric, { seriesList: list });
  assert.deepEqual(out.map((s) => s.name), ['c', 'c', 'y', 'used;dc=eu', 'nodots']);
});
