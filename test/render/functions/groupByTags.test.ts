import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByTags } from '../../../src/render/functions/groupByTags.js';
import { call, series, vals } from './helpers.js';

const list = () => [
  series('cpu;dc=eu;host=a', 0, 10, [1, 2]),
  series('cpu;dc=us;host=b', 0, 10, [3, null]),
  series('cpu;dc=eu;host=c', 0, 10, [5, 6]),
];

test('groups by the tags, named by the shared metric name and the tags in graphite order, tagged accordingly', async () => {
  const out = await call(groupByTags, { seriesList: list(), callback: 'sum', tags: ['dc'] });
  assert.deepEqual(out.map((s) => s.name), ['cpu;dc=eu', 'cpu;dc=us']);
  assert.deepEqual(vals(out[0]), [6, 8]);
  assert.deepEqual(out[0].tags, { dc: 'eu', name: 'cpu' });
  assert.equal(out[0].pathExpression, 'cpu;dc=eu');
  // the pairs sort as graphite sorts 'k=v' strings, whatever order the tags are asked in
  const two = await call(groupByTags, { seriesList: list(), callback: 'max', tags: ['host', 'dc'] });
  assert.deepEqual(two.map((s) => s.name), ['cpu;dc=eu;host=a', 'cpu;dc=us;host=b', 'cpu;dc=eu;host=c']);
});

test('names that differ give the callback as the name, unless name is a grouping tag', async () => {
  const mixed = [...list(), series('mem;dc=eu;host=a', 0, 10, [7, 7])];
  assert.deepEqual((await call(groupByTags, { seriesList: mixed, callback: 'average', tags: ['dc'] })).map((s) => s.name), ['average;dc=eu', 'average;dc=us']);
  assert.deepEqual((await call(groupByTags, { seriesList: mixed, callback: 'sumSeries', tags: ['name'] })).map((s) => s.name), ['cpu', 'mem']);
  assert.deepEqual((await call(groupByTags, { seriesList: mixed, callback: 'sum', tags: ['dc', 'name'] })).map((s) => s.name), ['cpu;dc=eu', 'cpu;dc=us', 'mem;dc=eu']);
  assert.deepEqual(await call(groupByTags, { seriesList: [], callback: 'sum', tags: ['dc'] }), []);
});

test("a series lacking a grouping tag groups under 'tag=' (graphite-web then fails to parse the name: 500; here the name is its only tag)", async () => {
  const out = await call(groupByTags, { seriesList: [...list(), series('cpu;host=d', 0, 10, [9, 9])], callback: 'sum', tags: ['dc'] });
  assert.deepEqual(out.map((s) => s.name), ['cpu;dc=eu', 'cpu;dc=us', 'cpu;dc=']);
  assert.deepEqual(out[2].tags, { name: 'cpu;dc=' });
});
