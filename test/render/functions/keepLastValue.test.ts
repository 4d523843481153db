import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepLastValue } from '../../../src/render/functions/keepLastValue.js';
import { call, series, vals } from './helpers.js';

test('gaps filled with the value before them, up to the limit; leading nulls stay', async () => {
  const list = () => [series('a', 0, 10, [null, 1, null, null, 2, null])];
  const [s] = await call(keepLastValue, { seriesList: list() });
  assert.equal(s.name, 'keepLastValue(a)');
  assert.deepEqual(vals(s), [null, 1, 1, 1, 2, 2]);
  assert.deepEqual(vals((await call(keepLastValue, { seriesList: list(), limit: 1 }))[0]), [null, 1, null, null, 2, 2]);
});
