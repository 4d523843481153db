import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minMax } from '../../../src/render/functions/minMax.js';
import { call, series, vals } from './helpers.js';

test('(x - min) / (max - min) per series; a flat series is 0; no tag added', async () => {
  const [a, flat, none] = await call(minMax, {
    seriesList: [series('a', 0, 10, [2, null, 4, 3]), series('f', 0, 10, [7, 7, null]), series('n', 0, 10, [null])],
  });
  assert.equal(a.name, 'minMax(a)');
  assert.equal(a.pathExpression, 'minMax(a)');
  assert.deepEqual(a.tags, { name: 'a' });
  assert.deepEqual(vals(a), [0, null, 1, 0.5]);
  assert.deepEqual(vals(flat), [0, 0, null]);
  assert.deepEqual(vals(none), [null]);
});
