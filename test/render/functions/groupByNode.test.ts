import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByNode } from '../../../src/render/functions/groupByNode.js';
import { call, series, vals } from './helpers.js';

test('one node, average unless told otherwise', async () => {
  const list = [series('a.x', 0, 10, [1, 2]), series('a.y', 0, 10, [3, null]), series('b.x', 0, 10, [5, 6])];
  const out = await call(groupByNode, { seriesList: list, nodeNum: 0 });
  assert.deepEqual(out.map((s) => s.name), ['a', 'b']);
  assert.deepEqual(vals(out[0]), [2, 2]);
  assert.equal(out[0].tags.aggregatedBy, 'average');
  const sums = await call(groupByNode, { seriesList: list, nodeNum: 1, callback: 'sumSeries' });
  assert.deepEqual(vals(sums[0]), [6, 8]);
});
