import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowestCurrent } from '../../../src/render/functions/lowestCurrent.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('the n series with the lowest last value, those without values first', async () => {
  assert.deepEqual((await call(lowestCurrent, { seriesList: ranked(), n: 3 })).map((s) => s.name), ['d', 'a', 'c']);
  assert.deepEqual((await call(lowestCurrent, { seriesList: ranked(), n: 0 })).map((s) => s.name), []);
});
