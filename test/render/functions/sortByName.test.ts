import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByName } from '../../../src/render/functions/sortByName.js';
import { call, series } from './helpers.js';

const list = () => ['host10', 'host2', 'Host3', 'host1'].map((n) => series(n, 0, 10, [1]));

test('by code point, naturally, reversed', async () => {
  assert.deepEqual((await call(sortByName, { seriesList: list() })).map((s) => s.name), ['Host3', 'host1', 'host10', 'host2']);
  assert.deepEqual((await call(sortByName, { seriesList: list(), natural: true })).map((s) => s.name), ['Host3', 'host1', 'host2', 'host10']);
  assert.deepEqual((await call(sortByName, { seriesList: list(), natural: true, reverse: true })).map((s) => s.name), ['host10', 'host2', 'host1', 'Host3']);
});
