import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legendValue } from '../../../src/render/functions/legendValue.js';
import { call, series } from './helpers.js';

test('values appended as Python prints them; count as an int; unknown names as (?)', async () => {
  const [s] = await call(legendValue, { seriesList: [series('a', 0, 10, [1, null, 4])], valuesTypes: ['avg', 'max', 'count', 'sumSeries'] });
  assert.equal(s.name, 'a (avg: 2.5) (max: 4.0) (count: 2) (sumSeries: (?))');
  const [n] = await call(legendValue, { seriesList: [series('b', 0, 10, [null])], valuesTypes: ['last'] });
  assert.equal(n.name, 'b (last: None)');
});

test("over int values (countSeries') sums, picks and odd medians print as ints, the rest as floats", async () => {
  const counts = series('c', 0, 10, [3, 3, 4], { integral: true });
  const [s] = await call(legendValue, { seriesList: [counts], valuesTypes: ['sum', 'max', 'median', 'avg', 'range', 'multiply'] });
  assert.equal(s.name, 'c (sum: 10) (max: 4) (median: 3) (avg: 3.3333333333333335) (range: 1.0) (multiply: 36.0)');
  const [even] = await call(legendValue, { seriesList: [series('d', 0, 10, [3, 4], { integral: true })], valuesTypes: ['median'] });
  assert.equal(even.name, 'd (median: 3.5)');
  // new values are floats: a function that computes them does not keep the flag
  assert.equal(counts.copy({ values: Float64Array.of(6, 6, 8) }).integral, false);
  assert.equal(counts.copy({ name: 'e' }).integral, true);
});

test('si and binary: scaled values in fixed-width columns', async () => {
  const [s] = await call(legendValue, { seriesList: [series('net', 0, 10, [1500, 2500])], valuesTypes: ['avg', 'max', 'si'] });
  assert.equal(s.name, 'net' + ' '.repeat(17) + 'avg  2.00k     ' + 'max  2.50k     ');
  const [b] = await call(legendValue, { seriesList: [series('mem', 0, 10, [2048])], valuesTypes: ['last', 'binary'] });
  assert.equal(b.name, 'mem                 last 2.00Ki    ');
});
