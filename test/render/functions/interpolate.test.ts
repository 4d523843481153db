import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate } from '../../../src/render/functions/interpolate.js';
import { call, series, vals } from './helpers.js';

test('gaps between two values become a straight line; the ends stay null', async () => {
  const [s] = await call(interpolate, { seriesList: [series('a', 0, 10, [null, null, 1, null, null, 4, null, 6, null])] });
  assert.equal(s.name, 'interpolate(a)');
  assert.equal(s.pathExpression, 'interpolate(a)');
  assert.deepEqual(s.tags, { name: 'a' });
  assert.deepEqual(vals(s), [null, null, 1, 2, 3, 4, 5, 6, null]);
});

test('only gaps of at most `limit` nulls are filled', async () => {
  const list = () => [series('a', 0, 10, [0, null, 2, null, null, 8])];
  assert.deepEqual(vals((await call(interpolate, { seriesList: list(), limit: 1 }))[0]), [0, 1, 2, null, null, 8]);
  assert.deepEqual(vals((await call(interpolate, { seriesList: list(), limit: 0 }))[0]), [0, null, 2, null, null, 8]);
  assert.deepEqual(vals((await call(interpolate, { seriesList: list(), limit: Infinity }))[0]), [0, 1, 2, 4, 6, 8]);
});
