import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scale } from '../../../src/render/functions/scale.js';
import { call, series, vals } from './helpers.js';

test("multiplies; name with %g, tag with Python's float repr", async () => {
  const [s] = await call(scale, { seriesList: [series('a', 0, 10, [1.5, null])], factor: 10 });
  assert.equal(s.name, 'scale(a,10)');
  assert.equal(s.pathExpression, 'scale(a,10)');
  assert.equal(s.tags.scale, '10.0');
  assert.deepEqual(vals(s), [15, null]);
  assert.equal((await call(scale, { seriesList: [series('a', 0, 10, [1])], factor: 0.000015 }))[0].name, 'scale(a,1.5e-05)');
});
