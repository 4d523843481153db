import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pow } from '../../../src/render/functions/pow.js';
import { safePow } from '../../../src/render/functions/lib/pointwise.js';
import { call, series, vals } from './helpers.js';

test('each point to a power; name with %g, tag with the float repr', async () => {
  const [s] = await call(pow, { seriesList: [series('a', 0, 10, [3, null, -2, 0])], factor: 2 });
  assert.equal(s.name, 'pow(a,2)');
  assert.equal(s.tags.pow, '2.0');
  assert.deepEqual(vals(s), [9, null, 4, 0]);
  assert.equal((await call(pow, { seriesList: [series('a', 0, 10, [1])], factor: 0.0000125 }))[0].name, 'pow(a,1.25e-05)');
});

test("math.pow's failures are null: negative base to a fraction, zero to a negative power, overflow", async () => {
  const [s] = await call(pow, { seriesList: [series('a', 0, 10, [-8, 0, 1e200, 4])], factor: -0.5 });
  assert.deepEqual(vals(s), [null, null, 1e-100, 0.5]);
  assert.deepEqual(vals((await call(pow, { seriesList: [series('a', 0, 10, [1e200, -1e200])], factor: 3 }))[0]), [null, null]);
});

test('safePow follows C where JavaScript differs: a base of ±1 to an infinite power is 1', () => {
  assert.equal(safePow(1, Infinity), 1);
  assert.equal(safePow(-1, -Infinity), 1);
  assert.equal(safePow(2, Infinity), Infinity);
  assert.equal(safePow(0, -Infinity), Infinity);
  assert.equal(safePow(0.5, Infinity), 0);
  assert.ok(Number.isNaN(safePow(NaN, 0)));
});
