import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetToZero } from '../../../src/render/functions/offsetToZero.js';
import { call, series, vals } from './helpers.js';

test('each series minus its own minimum; the minimum shows in the tag as Python prints it', async () => {
  const [a, b, c] = await call(offsetToZero, {
    seriesList: [series('a', 0, 10, [5, null, 7.5]), series('b', 0, 10, [null, null]), series('c', 0, 10, [4, 6], { integral: true })],
  });
  assert.equal(a.name, 'offsetToZero(a)');
  assert.equal(a.pathExpression, 'offsetToZero(a)');
  assert.equal(a.tags.offsetToZero, '5.0');
  assert.deepEqual(vals(a), [0, null, 2.5]);
  assert.equal(b.tags.offsetToZero, 'None');
  assert.deepEqual(vals(b), [null, null]);
  assert.equal(c.tags.offsetToZero, '4');
  assert.deepEqual(vals(c), [0, 2]);
});
