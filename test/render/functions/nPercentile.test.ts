import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nPercentile } from '../../../src/render/functions/nPercentile.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test('a flat line at the percentile over the range; series without values dropped', async () => {
  const out = await call(nPercentile, { seriesList: [series('a', 0, 10, [15, 20, null, 35, 40, 50]), series('b', 0, 10, [null])], n: 50 });
  assert.equal(out.length, 1);
  assert.equal(out[0].name, 'nPercentile(a, 50)');
  assert.equal(out[0].tags.nPercentile, '50.0');
  assert.deepEqual(vals(out[0]), [35, 35, 35, 35, 35, 35]);
  await assert.rejects(call(nPercentile, { seriesList: [series('a', 0, 10, [1])], n: 0 }), InputError);
});
