import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineWidth } from '../../../src/render/functions/lineWidth.js';
import { call, series } from './helpers.js';

test('sets the width of the lines the series is drawn with; names and tags stay', async () => {
  const [s] = await call(lineWidth, { seriesList: [series('a', 0, 10, [1])], width: 2.5 });
  assert.deepEqual(s.graph, { lineWidth: 2.5 });
  assert.deepEqual([s.name, s.tags], ['a', { name: 'a' }]);
});
