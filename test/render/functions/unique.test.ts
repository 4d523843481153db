import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unique } from '../../../src/render/functions/unique.js';
import { call, series, vals } from './helpers.js';

test('the first series of each name, over every list, in order', async () => {
  const out = await call(unique, { seriesLists: [[series('a', 0, 10, [1]), series('b', 0, 10, [2])], [series('a', 0, 10, [3]), series('c', 0, 10, [4])], []] });
  assert.deepEqual(out.map((s) => [s.name, vals(s)[0]]), [['a', 1], ['b', 2], ['c', 4]]);
  assert.deepEqual(await call(unique, { seriesLists: [[]] }), []);
});
