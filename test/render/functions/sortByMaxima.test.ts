import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByMaxima } from '../../../src/render/functions/sortByMaxima.js';
import { call, series } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('highest maximum first; ties keep their order; no value last', async () => {
  assert.deepEqual((await call(sortByMaxima, { seriesList: ranked() })).map((s) => s.name), ['a', 'b', 'c', 'd']);
  const tied = [series('x', 0, 10, [1]), series('y', 0, 10, [2]), series('z', 0, 10, [1])];
  assert.deepEqual((await call(sortByMaxima, { seriesList: tied })).map((s) => s.name), ['y', 'x', 'z']);
});
