import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasByNode } from '../../../src/render/functions/aliasByNode.js';
import { call, series } from './helpers.js';

test('nodes, negative nodes, tags, and the first path inside a call', async () => {
  const list = [series('servers.web01.cpu.user;dc=eu', 0, 10, [1]), series('scale(sumSeries(servers.{a,b}.cpu.*),2)', 0, 10, [1])];
  const out = await call(aliasByNode, { seriesList: list, nodes: [1, -1, 'dc'] });
  assert.deepEqual(out.map((s) => s.name), ['web01.user.eu', '{a,b}.*.']);
});
