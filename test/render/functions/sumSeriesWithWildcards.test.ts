import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sumSeriesWithWildcards } from '../../../src/render/functions/sumSeriesWithWildcards.js';
import { call, series, vals } from './helpers.js';

test('sums the series that match but for the wildcarded nodes, nulls skipped, at their least common step', async () => {
  const out = await call(sumSeriesWithWildcards, {
    seriesList: [series('h.a.rx', 0, 10, [1, null, 3, 5]), series('h.b.rx', 0, 20, [10, null]), series('h.a.tx', 0, 10, [7, 7])],
    position: [1],
  });
  assert.deepEqual(out.map((s) => [s.name, s.step, vals(s)]), [
    ['h.rx', 20, [11, 4]],
    ['h.tx', 10, [7, 7]],
  ]);
  assert.equal(out[0].tags.aggregatedBy, 'sum');
});
