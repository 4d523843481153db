import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offset } from '../../../src/render/functions/offset.js';
import { call, series, vals } from './helpers.js';

test('adds; nulls stay null', async () => {
  const [s] = await call(offset, { seriesList: [series('a', 0, 10, [1, null])], factor: -273.15 });
  assert.equal(s.name, 'offset(a,-273.15)');
  assert.equal(s.tags.offset, '-273.15');
  assert.deepEqual(vals(s), [1 - 273.15, null]);
});
