import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterSeries } from '../../../src/render/functions/filterSeries.js';
import { call, series } from './helpers.js';
import { ranked } from './rank-fixture.js';

const names = async (func: string, operator: string, threshold: number) =>
  (await call(filterSeries, { seriesList: ranked(), func, operator, threshold })).map((s) => s.name);

test('each operator against one aggregate; a series without values passes !=, < and <= only', async () => {
  assert.deepEqual(await names('max', '>', 5), ['a']);
  assert.deepEqual(await names('max', '>=', 5), ['a', 'b']);
  assert.deepEqual(await names('last', '=', 3), ['c']);
  assert.deepEqual(await names('last', '!=', 3), ['a', 'b', 'd']);
  assert.deepEqual(await names('average', '<', 5), ['a', 'c', 'd']);
  assert.deepEqual(await names('average', '<=', 5), ['a', 'b', 'c', 'd']);
});

test('aliases and counting aggregations', async () => {
  assert.deepEqual(await names('total', '>', 10), ['a']);
  assert.deepEqual(await names('count', '=', 2), ['b']);
  assert.deepEqual(await names('rangeOf', '=', 0), ['b', 'c']);
});

test('the aggregate is of the values as the series yields them, consolidated', async () => {
  const s = series('a', 0, 10, [1, 3, 10, 20], { valuesPerPoint: 2, consolidationFunc: 'sum' });
  assert.deepEqual((await call(filterSeries, { seriesList: [s], func: 'min', operator: '=', threshold: 4 })).map((x) => x.name), ['a']);
});

test('an unknown aggregation or operator is a 400', async () => {
  await assert.rejects(call(filterSeries, { seriesList: ranked(), func: 'maxSeries', operator: '>', threshold: 1 }), /Unsupported aggregation function: maxSeries/);
  await assert.rejects(call(filterSeries, { seriesList: ranked(), func: 'max', operator: '<>', threshold: 1 }), /Invalid option specified for function "filterSeries" parameter "operator"/);
});
