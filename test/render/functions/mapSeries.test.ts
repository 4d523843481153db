import { test } from 'node:test';
import assert from 'node:assert/strict';
import { map, mapSeries } from '../../../src/render/functions/mapSeries.js';
import { call, series } from './helpers.js';

const list = () => [
  series('servers.web01.cpu.user', 0, 10, [1, 2]),
  series('servers.web02.cpu.user', 0, 10, [3, null]),
  series('servers.web01.cpu.system', 0, 10, [5, 6]),
  series('disk.used;dc=eu;host=web01', 0, 60, [7]),
];

test('one list per value of the node, in the order values first appear, series kept as they are', async () => {
  const input = list();
  const out = await call(mapSeries, { seriesList: input, mapNodes: [1] });
  assert.deepEqual(
    out.map((l) => l.map((s) => s.name)),
    [['servers.web01.cpu.user', 'servers.web01.cpu.system'], ['servers.web02.cpu.user'], ['disk.used;dc=eu;host=web01']],
  );
  assert.equal(out[0][0], input[0], 'the series themselves, not copies');
});

test('several nodes and tags make the key together; map is the same function', async () => {
  const out = await call(map, { seriesList: list(), mapNodes: [3, 'dc'] });
  assert.deepEqual(
    out.map((l) => l.map((s) => s.name)),
    [['servers.web01.cpu.user', 'servers.web02.cpu.user'], ['servers.web01.cpu.system'], ['disk.used;dc=eu;host=web01']],
  );
  assert.deepEqual(await call(map, { seriesList: [], mapNodes: [1] }), []);
});

test('at least one node is required', async () => {
  await assert.rejects(call(mapSeries, { seriesList: list() }), /Missing required parameter "mapNodes" for function "mapSeries"/);
});
