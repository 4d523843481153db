import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sigmoid } from '../../../src/render/functions/sigmoid.js';
import { call, series, vals } from './helpers.js';

test('1 / (1 + e^-x) of each point; nulls stay null', async () => {
  const [s] = await call(sigmoid, { seriesList: [series('a', 0, 10, [0, null, 2, -800])] });
  assert.equal(s.name, 'sigmoid(a)');
  assert.equal(s.tags.sigmoid, 'sigmoid');
  assert.deepEqual(vals(s), [0.5, null, 1 / (1 + Math.exp(-2)), 0]);
});
