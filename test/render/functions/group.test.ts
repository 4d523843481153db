import { test } from 'node:test';
import assert from 'node:assert/strict';
import { group } from '../../../src/render/functions/group.js';
import { call, series } from './helpers.js';

test('joins lists in order; empty lists vanish', async () => {
  const a = series('a', 0, 10, [1]);
  const b = series('b', 0, 10, [2]);
  assert.deepEqual(await call(group, { seriesLists: [[a], [], [b, a]] }), [a, b, a]);
  assert.deepEqual(await call(group, { seriesLists: [] }), []);
});
