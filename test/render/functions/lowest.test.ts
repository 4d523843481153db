import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowest } from '../../../src/render/functions/lowest.js';
import { call, series } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('the n lowest by the average unless another aggregation is given; no values ranks first', async () => {
  assert.deepEqual((await call(lowest, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['d', 'c']);
  assert.deepEqual((await call(lowest, { seriesList: ranked(), n: 3, func: 'min' })).map((s) => s.name), ['d', 'a', 'c']);
  assert.deepEqual(await call(lowest, { seriesList: [], n: 3 }), []);
});

test('ties keep their order', async () => {
  const list = [series('x', 0, 10, [2, 2]), series('y', 0, 10, [1, 3]), series('z', 0, 10, [2])];
  assert.deepEqual((await call(lowest, { seriesList: list, n: 3 })).map((s) => s.name), ['x', 'y', 'z']);
});
