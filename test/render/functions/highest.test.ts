import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highest } from '../../../src/render/functions/highest.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('the n highest by the average unless another aggregation is given; no values ranks last', async () => {
  assert.deepEqual((await call(highest, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['b', 'a']);
  assert.deepEqual((await call(highest, { seriesList: ranked(), n: 4, func: 'max' })).map((s) => s.name), ['a', 'b', 'c', 'd']);
  assert.deepEqual((await call(highest, { seriesList: ranked(), n: -1, func: 'last' })).map((s) => s.name), ['b', 'c', 'a'], 'a negative n drops from the end');
});

test('an unknown aggregation is a 400, a deprecated <name>Series one too', async () => {
  await assert.rejects(call(highest, { seriesList: ranked(), n: 1, func: 'bogus' }), /Invalid "aggFunc" value specified for function "highest" parameter "func"/);
  await assert.rejects(call(highest, { seriesList: ranked(), n: 1, func: 'maxSeries' }), /Unsupported aggregation function: maxSeries/);
});
