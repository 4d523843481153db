import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasByTags } from '../../../src/render/functions/aliasByTags.js';
import { call, series } from './helpers.js';

test('renames each series to its tag values (or path nodes) joined by dots, its tags unchanged', async () => {
  const list = () => [series('disk.used;dc=eu;host=web01', 0, 10, [1]), series('disk.used;dc=us;host=web02', 0, 10, [2])];
  const out = await call(aliasByTags, { seriesList: list(), tags: ['host', 'dc'] });
  assert.deepEqual(out.map((s) => s.name), ['web01.eu', 'web02.us']);
  assert.deepEqual(out[0].tags, { dc: 'eu', host: 'web01', name: 'disk.used' });
  assert.deepEqual((await call(aliasByTags, { seriesList: list(), tags: [1, 'name', 'rack'] })).map((s) => s.name), ['used.disk.used.', 'used.disk.used.']);
});
