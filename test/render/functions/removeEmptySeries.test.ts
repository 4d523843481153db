import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeEmptySeries } from '../../../src/render/functions/removeEmptySeries.js';
import { call, series } from './helpers.js';

const list = () => [series('full', 0, 10, [1, 2, 3, 4]), series('half', 0, 10, [1, null, 3, null]), series('none', 0, 10, [null, null]), series('nopoints', 0, 10, [])];

test('drops series without any value, or with a smaller share of values than xFilesFactor', async () => {
  assert.deepEqual((await call(removeEmptySeries, { seriesList: list() })).map((s) => s.name), ['full', 'half']);
  assert.deepEqual((await call(removeEmptySeries, { seriesList: list(), xFilesFactor: 0.5 })).map((s) => s.name), ['full', 'half']);
  assert.deepEqual((await call(removeEmptySeries, { seriesList: list(), xFilesFactor: 0.51 })).map((s) => s.name), ['full']);
});
