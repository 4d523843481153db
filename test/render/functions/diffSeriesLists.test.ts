import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSeriesLists } from '../../../src/render/functions/diffSeriesLists.js';
import { call, series, vals } from './helpers.js';

test('the second series of each pair subtracted from the first; a null leaves the other value as it is', async () => {
  const out = await call(diffSeriesLists, {
    seriesListFirstPos: [series('a.x', 0, 10, [10, null, 3, null])],
    seriesListSecondPos: [series('b.x', 0, 10, [4, 6, null, null])],
  });
  assert.equal(out[0].name, 'diffSeries(a.x,b.x)');
  assert.deepEqual(vals(out[0]), [6, 6, 3, null]);
  await assert.rejects(call(diffSeriesLists, { seriesListFirstPos: [], seriesListSecondPos: [series('a', 0, 10, [1])] }), /must have equal length/);
});
