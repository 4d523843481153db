import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invert } from '../../../src/render/functions/invert.js';
import { call, series, vals } from './helpers.js';

test('1/x of each point; zero and null give null; tagged invert=1', async () => {
  const [s] = await call(invert, { seriesList: [series('a', 0, 10, [2, 0, null, -4, 0.5])] });
  assert.equal(s.name, 'invert(a)');
  assert.equal(s.tags.invert, '1');
  assert.deepEqual(vals(s), [0.5, null, null, -0.25, 2]);
});
