import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeAboveValue } from '../../../src/render/functions/removeAboveValue.js';
import { call, series, vals } from './helpers.js';

test('values above the threshold become null', async () => {
  const [s] = await call(removeAboveValue, { seriesList: [series('a', 0, 10, [1, 5, null, 7])], n: 5.5 });
  assert.equal(s.name, 'removeAboveValue(a, 5.5)');
  assert.deepEqual(vals(s), [1, 5, null, null]);
});
