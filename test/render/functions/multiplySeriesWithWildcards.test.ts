import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiplySeriesWithWildcards } from '../../../src/render/functions/multiplySeriesWithWildcards.js';
import { call, series, vals } from './helpers.js';

test('multiplies the series that match but for the wildcarded nodes; a null factor gives null; one series is itself', async () => {
  const out = await call(multiplySeriesWithWildcards, {
    seriesList: [series('h.a.rate', 0, 10, [2, null, 3]), series('h.a.cost', 0, 10, [5, 6, 7]), series('h.b.rate', 0, 10, [1, 2, 3])],
    position: [2],
  });
  assert.deepEqual(out.map((s) => [s.name, vals(s)]), [
    ['h.a', [10, null, 21]],
    ['h.b', [1, 2, 3]],
  ]);
  assert.equal(out[1].pathExpression, 'multiplySeries(h.b.rate)');
});
