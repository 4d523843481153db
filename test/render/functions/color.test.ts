import { test } from 'node:test';
import assert from 'node:assert/strict';
import { color } from '../../../src/render/functions/color.js';
import { call, series } from './helpers.js';

test('sets the colour the graph draws the series in, as given; names and tags stay', async () => {
  const [s] = await call(color, { seriesList: [series('a', 0, 10, [1], { graph: { alpha: 0.5 } })], theColor: '6464ffaa' });
  assert.deepEqual(s.graph, { alpha: 0.5, color: '6464ffaa' });
  assert.deepEqual([s.name, s.tags], ['a', { name: 'a' }]);
});
