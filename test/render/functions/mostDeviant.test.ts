import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostDeviant } from '../../../src/render/functions/mostDeviant.js';
import { call, series } from './helpers.js';

const list = () => [
  series('flat', 0, 10, [5, 5, 5]), // variance 0
  series('wide', 0, 10, [0, null, 10]), // variance 25
  series('empty', 0, 10, [null, null]),
  series('narrow', 0, 10, [4, 6]), // variance 1
  series('flat2', 0, 10, [7]), // variance 0
];

test('the n series of largest variance, largest first; series without values are dropped', async () => {
  assert.deepEqual((await call(mostDeviant, { seriesList: list(), n: 2 })).map((s) => s.name), ['wide', 'narrow']);
  assert.deepEqual((await call(mostDeviant, { seriesList: list(), n: 10 })).map((s) => s.name), ['wide', 'narrow', 'flat', 'flat2'], 'equal spreads keep their order');
  assert.deepEqual((await call(mostDeviant, { seriesList: list(), n: -1 })).map((s) => s.name), ['wide', 'narrow', 'flat']);
});
