import { test } from 'node:test';
import assert from 'node:assert/strict';
import { squareRoot } from '../../../src/render/functions/squareRoot.js';
import { call, series, vals } from './helpers.js';

test('square root of each point; negatives and nulls give null', async () => {
  const [s] = await call(squareRoot, { seriesList: [series('a', 0, 10, [4, -1, null, 0, 2])] });
  assert.equal(s.name, 'squareRoot(a)');
  assert.equal(s.tags.squareRoot, '1');
  assert.deepEqual(vals(s), [2, null, null, 0, Math.SQRT2]);
});
