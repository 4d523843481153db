import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absolute } from '../../../src/render/functions/absolute.js';
import { call, series, vals } from './helpers.js';

test('absolute values', async () => {
  const [s] = await call(absolute, { seriesList: [series('a', 0, 10, [-1.5, null, 2])] });
  assert.equal(s.name, 'absolute(a)');
  assert.equal(s.tags.absolute, '1');
  assert.deepEqual(vals(s), [1.5, null, 2]);
});
