import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divideSeriesLists } from '../../../src/render/functions/divideSeriesLists.js';
import { call, context, series, vals } from './helpers.js';

test('each series divided by the one at the same position, at their least common step; null or zero divisors give null', async () => {
  const out = await call(
    divideSeriesLists,
    {
      dividendSeriesList: [series('a.x', 0, 10, [8, null, 3]), series('a.y', 0, 10, [2, 4, 6, 8])],
      divisorSeriesList: [series('b.x', 0, 10, [4, 6, 0]), series('b.y', 0, 20, [1, null])],
    },
    context({ xFilesFactor: 0.25 }),
  );
  assert.deepEqual(out.map((s) => [s.name, s.step, vals(s)]), [
    ['divideSeries(a.x,b.x)', 10, [2, null, null]],
    ['divideSeries(a.y,b.y)', 20, [3, null]],
  ]);
  assert.equal(out[0].xFilesFactor, 0.25);
  assert.deepEqual(out[0].tags, { name: 'divideSeries(a.x,b.x)' });
});

test('lists of different lengths are refused', async () => {
  await assert.rejects(call(divideSeriesLists, { dividendSeriesList: [series('a', 0, 10, [1])], divisorSeriesList: [] }), /dividendSeriesList and divisorSeriesList argument must have equal length/);
  assert.deepEqual(await call(divideSeriesLists, { dividendSeriesList: [], divisorSeriesList: [] }), []);
});
