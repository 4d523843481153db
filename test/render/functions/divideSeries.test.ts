import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divideSeries } from '../../../src/render/functions/divideSeries.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test('each dividend over the divisor; null or zero divisor gives null; steps combined at their LCM', async () => {
  const out = await call(divideSeries, {
    dividendSeriesList: [series('a', 0, 10, [1, 2, 3, 4]), series('b', 0, 10, [4, null, 8, 8])],
    divisorSeries: [series('d', 0, 20, [2, 0])],
  });
  assert.deepEqual(out.map((s) => s.name), ['divideSeries(a,d)', 'divideSeries(b,d)']);
  assert.equal(out[0].step, 20);
  assert.deepEqual(vals(out[0]), [0.75, null]);
  assert.deepEqual(vals(out[1]), [2, null]);
});

test('no divisor: nulls named MISSING; several divisors: a 400', async () => {
  const [s] = await call(divideSeries, { dividendSeriesList: [series('a', 0, 10, [1, 2])], divisorSeries: [] });
  assert.equal(s.name, 'divideSeries(a,MISSING)');
  assert.deepEqual(vals(s), [null, null]);
  await assert.rejects(
    call(divideSeries, { dividendSeriesList: [series('a', 0, 10, [1])], divisorSeries: [series('x', 0, 10, [1]), series('y', 0, 10, [1])] }),
    (e: Error) => e instanceof InputError && /exactly 1 series \(got 2\)/.test(e.message),
  );
});
