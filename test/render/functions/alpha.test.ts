import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alpha } from '../../../src/render/functions/alpha.js';
import { call, series, vals } from './helpers.js';

test('sets the opacity the graph draws the series with, nothing else', async () => {
  const out = await call(alpha, { seriesList: [series('a', 0, 10, [1, null]), series('b', 0, 10, [2])], alpha: 0.3 });
  assert.deepEqual(out.map((s) => [s.name, s.graph.alpha, s.tags]), [
    ['a', 0.3, { name: 'a' }],
    ['b', 0.3, { name: 'b' }],
  ]);
  assert.deepEqual(vals(out[0]), [1, null]);
  await assert.rejects(call(alpha, { seriesList: [], alpha: 'half' }), /Invalid "float" value/);
});
