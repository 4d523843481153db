import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeAbovePercentile } from '../../../src/render/functions/removeAbovePercentile.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test("points above each series' own percentile become null; nPercentile's tag is left behind", async () => {
  const [s] = await call(removeAbovePercentile, { seriesList: [series('a', 0, 10, [5, 1, null, 3, 4, 2])], n: 50 });
  assert.equal(s.name, 'removeAbovePercentile(a, 50)');
  assert.equal(s.pathExpression, 'removeAbovePercentile(a, 50)');
  assert.equal(s.tags.nPercentile, '50.0');
  assert.deepEqual(vals(s), [null, 1, null, 3, null, 2]);
});

test('no percentile (no value, a rank past the points): renamed only; n = 0 is a 400', async () => {
  const [none, past] = await call(removeAbovePercentile, { seriesList: [series('n', 0, 10, [null, null]), series('p', 0, 10, [1, 2, 3])], n: 150 });
  assert.equal(none.name, 'removeAbovePercentile(n, 150)');
  assert.equal(past.name, 'removeAbovePercentile(p, 150)');
  assert.equal(past.tags.nPercentile, undefined);
  assert.deepEqual(vals(past), [1, 2, 3]);
  await assert.rejects(call(removeAbovePercentile, { seriesList: [series('a', 0, 10, [1])], n: 0 }), InputError);
  assert.deepEqual(await call(removeAbovePercentile, { seriesList: [], n: 0 }), []);
});
