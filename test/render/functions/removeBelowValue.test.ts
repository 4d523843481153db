import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeBelowValue } from '../../../src/render/functions/removeBelowValue.js';
import { call, series, vals } from './helpers.js';

test('values below the threshold become null', async () => {
  const [s] = await call(removeBelowValue, { seriesList: [series('a', 0, 10, [1, 5, null, 7])], n: 5 });
  assert.equal(s.name, 'removeBelowValue(a, 5)');
  assert.equal(s.pathExpression, s.name);
  assert.deepEqual(vals(s), [null, 5, null, 7]);
});
