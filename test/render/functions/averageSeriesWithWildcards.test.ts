import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageSeriesWithWildcards } from '../../../src/render/functions/averageSeriesWithWildcards.js';
import { call, context, series, vals } from './helpers.js';

test("averages the series that match but for the wildcarded nodes; the request's xFilesFactor applies", async () => {
  const list = () => [series('h.a.cpu', 0, 10, [1, null]), series('h.b.cpu', 0, 10, [3, 4]), series('x.c.cpu', 0, 10, [9, 9])];
  const out = await call(averageSeriesWithWildcards, { seriesList: list(), position: [1] });
  assert.deepEqual(out.map((s) => [s.name, vals(s)]), [
    ['h.cpu', [2, 4]],
    ['x.cpu', [9, 9]],
  ]);
  const strict = await call(averageSeriesWithWildcards, { seriesList: list(), position: [1] }, context({ xFilesFactor: 0.75 }));
  assert.deepEqual(vals(strict[0]), [2, null]);
});
