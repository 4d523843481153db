import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByTotal } from '../../../src/render/functions/sortByTotal.js';
import { call, series } from './helpers.js';

test('by the sum, largest first; ties keep their order; no values sorts last', async () => {
  const out = await call(sortByTotal, {
    seriesList: [series('none', 0, 10, [null]), series('a', 0, 10, [1, 2]), series('b', 0, 10, [10, null]), series('c', 0, 10, [3, null]), series('neg', 0, 10, [-5])],
  });
  assert.deepEqual(out.map((s) => s.name), ['b', 'a', 'c', 'neg', 'none']);
});
