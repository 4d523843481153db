import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByMinima } from '../../../src/render/functions/sortByMinima.js';
import { call, series } from './helpers.js';

test('by the lowest point, lowest first, keeping only series whose highest point is above 0', async () => {
  const out = await call(sortByMinima, {
    seriesList: [
      series('a', 0, 10, [5, 9]),
      series('negative', 0, 10, [-5, 0]),
      series('b', 0, 10, [-1, 3]),
      series('none', 0, 10, [null, null]),
      series('c', 0, 10, [2, null]),
    ],
  });
  assert.deepEqual(out.map((s) => s.name), ['b', 'c', 'a']);
});
