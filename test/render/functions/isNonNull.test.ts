import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNonNull } from '../../../src/render/functions/isNonNull.js';
import { call, series, vals } from './helpers.js';

test('1 where a value is, 0 where none is; Python ints, tagged isNonNull=1', async () => {
  const [s] = await call(isNonNull, { seriesList: [series('a', 0, 10, [5, null, 0, null])] });
  assert.equal(s.name, 'isNonNull(a)');
  assert.equal(s.pathExpression, 'isNonNull(a)');
  assert.equal(s.tags.isNonNull, '1');
  assert.deepEqual(vals(s), [1, 0, 1, 0]);
  assert.equal(s.integral, true);
});
