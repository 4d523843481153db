import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByNodes } from '../../../src/render/functions/groupByNodes.js';
import { call, series, vals } from './helpers.js';

const list = () => [series('dc1.web.cpu', 0, 10, [1, 2]), series('dc2.web.cpu', 0, 10, [3, null]), series('dc1.db.cpu', 0, 10, [5, 6])];

test('groups in first-seen order, each named by its key, combined by an aggregation', async () => {
  const out = await call(groupByNodes, { seriesList: list(), callback: 'sum', nodes: [0] });
  assert.deepEqual(out.map((s) => s.name), ['dc1', 'dc2']);
  assert.deepEqual(vals(out[0]), [6, 8]);
  assert.equal(out[0].tags.name, 'sumSeries(dc1.web.cpu,dc1.db.cpu)');
  const two = await call(groupByNodes, { seriesList: list(), callback: 'max', nodes: [1, 0] });
  assert.deepEqual(two.map((s) => s.name), ['web.dc1', 'web.dc2', 'db.dc1']);
});

test('a series function as callback: its first result', async () => {
  const out = await call(groupByNodes, { seriesList: list(), callback: 'asPercent', nodes: [0] });
  assert.deepEqual(out.map((s) => s.name), ['dc1', 'dc2']);
  assert.deepEqual(vals(out[0]), [(1 / 6) * 100, 25]);
  const single = await call(groupByNodes, { seriesList: list(), callback: 'multiplySeries', nodes: [1] });
  assert.deepEqual(vals(single[1]), [5, 6]);
  assert.deepEqual(await call(groupByNodes, { seriesList: [], callback: 'sum', nodes: [0] }), []);
});
