import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindArguments, type ArgResult } from '../../../src/render/evaluator/binding.js';
import { InputError, isDefaulted, type ParamSpec, type RenderFunction } from '../../../src/render/function-types.js';
import { Series } from '../../../src/render/series.js';

const fn = (name: string, params: ParamSpec[]): RenderFunction => ({ name, group: 'Transform', description: '', params, run: () => [] });
const list = [new Series('a.b', 0, 10, 10, new Float64Array([1]))];
const arg = (value: ArgResult['value'], isFloat = false): ArgResult => ({ value, isFloat });
const bind = (f: RenderFunction, args: ArgResult[], kwargs: Record<string, ArgResult> = {}) => bindArguments(f, args, new Map(Object.entries(kwargs)), (n) => n === 'sumSeries');
const rejects = (f: () => unknown, message: RegExp) => assert.throws(f, (e: Error) => e instanceof InputError && message.test(e.message));

const movingAverage = fn('movingAverage', [
  { name: 'seriesList', type: 'seriesList', required: true },
  { name: 'windowSize', type: 'intOrInterval', required: true },
  { name: 'xFilesFactor', type: 'float' },
]);
const sumSeries = fn('sumSeries', [{ name: 'seriesLists', type: 'seriesList', required: true, multiple: true }]);
const highest = fn('highestMax', [
  { name: 'seriesList', type: 'seriesList', required: true },
  { name: 'n', type: 'integer', default: 1 },
]);
const consolidateBy = fn('consolidateBy', [
  { name: 'seriesList', type: 'seriesList', required: true },
  { name: 'consolidationFunc', type: 'string', required: true, options: ['sum', 'average', 'min', 'max', 'first', 'last'] },
]);
const groupByNode = fn('groupByNode', [
  { name: 'seriesList', type: 'seriesList', required: true },
  { name: 'nodeNum', type: 'nodeOrTag', required: true },
  { name: 'callback', type: 'aggOrSeriesFunc', default: 'average' },
]);
const alias = fn('alias', [
  { name: 'seriesList', type: 'seriesList', required: true },
  { name: 'newName', type: 'string', required: true },
]);
const alignTo = fn('smartSummarize', [
  { name: 'seriesList', type: 'seriesList', required: true },
  { name: 'alignTo', type: 'string', options: [null, 'hours', true, false] },
]);
const flags = fn('flags', [
  { name: 'b', type: 'boolean', default: false },
  { name: 'i', type: 'intOrInf' },
  { name: 'iv', type: 'interval' },
]);

test('positional and keyword arguments bind to their parameters, defaults fill the rest', () => {
  assert.deepEqual(bind(movingAverage, [arg(list), arg('5min')]), { seriesList: list, windowSize: '5min' });
  assert.deepEqual(bind(movingAverage, [arg(list)], { windowSize: arg(5), xFilesFactor: arg(0.5, true) }), { seriesList: list, windowSize: 5, xFilesFactor: 0.5 });
  assert.deepEqual(bind(highest, [arg(list)]), { seriesList: list, n: 1 });
  assert.deepEqual(bind(highest, [arg(list), arg(null)]), { seriesList: list, n: 1 });
  assert.deepEqual(bind(groupByNode, [arg(list), arg(1)]), { seriesList: list, nodeNum: 1, callback: 'average' });
});

test('an explicit None, in order or by keyword, is the default exactly as an omitted argument is', () => {
  for (const bound of [bind(highest, [arg(list)]), bind(highest, [arg(list), arg(null)]), bind(highest, [arg(list)], { n: arg(null) })]) {
    assert.equal(bound.n, 1);
    assert.equal(isDefaulted(bound, 'n'), true);
  }
  assert.equal(isDefaulted(bind(highest, [arg(list), arg(1)]), 'n'), false);
});

test('a multiple parameter takes every remaining argument as an array', () => {
  assert.deepEqual(bind(sumSeries, [arg(list), arg(list), arg(list)]), { seriesLists: [list, list, list] });
  rejects(() => bind(sumSeries, []), /Missing required parameter "seriesLists" for function "sumSeries"/);
  rejects(() => bind(sumSeries, [arg(list), arg(null)]), /Invalid "seriesList" value specified for function "sumSeries" parameter "seriesLists": None/);
});

test('values convert as graphite-web converts them', () => {
  assert.deepEqual(bind(flags, [arg('TRUE'), arg('7'), arg('-1h')]), { b: true, i: 7, iv: '-1h' });
  assert.deepEqual(bind(flags, [arg(1), arg(Infinity, true)]), { b: true, i: Infinity });
  assert.deepEqual(bind(movingAverage, [arg(list), arg(3), arg('0.25')]), { seriesList: list, windowSize: 3, xFilesFactor: 0.25 });
  assert.deepEqual(bind(groupByNode, [arg(list), arg('dc'), arg('sumSeries')]).callback, 'sumSeries');
  assert.deepEqual(bind(groupByNode, [arg(list), arg(2), arg('sum')]).callback, 'sum');
});

test('every kind of mistake names the function, the parameter and the value', () => {
  rejects(() => bind(highest, [arg(list), arg(2, true)]), /Invalid "integer" value specified for function "highestMax" parameter "n": 2\.0/);
  rejects(() => bind(movingAverage, [arg(list), arg('bogus')]), /Invalid "intOrInterval" value specified for function "movingAverage" parameter "windowSize": 'bogus'/);
  rejects(() => bind(movingAverage, [arg(list)]), /Missing required parameter "windowSize" for function "movingAverage"/);
  rejects(() => bind(movingAverage, [arg('a.b'), arg('1h')]), /Invalid "seriesList" value specified for function "movingAverage" parameter "seriesList": 'a\.b'/);
  rejects(() => bind(highest, [arg(list), arg(1), arg(2)]), /Too many parameters specified for function "highestMax"/);
  rejects(() => bind(highest, [arg(list)], { m: arg(1) }), /Unexpected keyword arguments for function "highestMax": m/);
  rejects(() => bind(highest, [arg(list), arg(1)], { n: arg(1) }), /Too many parameters|Unexpected keyword/);
  rejects(() => bind(consolidateBy, [arg(list), arg('median')]), /Invalid option specified for function "consolidateBy" parameter "consolidationFunc": 'median'/);
  rejects(() => bind(flags, [arg('maybe')]), /Invalid "boolean" value .* "b": 'maybe'/);
  rejects(() => bind(flags, [arg(true), arg('x')]), /Invalid "intOrInf" value/);
  rejects(() => bind(groupByNode, [arg(list), arg(1), arg('nonsense')]), /Invalid "aggOrSeriesFunc" value/);
  // a number where a name or a pattern belongs would fail inside the function
  rejects(() => bind(alias, [arg(list), arg(1)]), /Invalid "string" value specified for function "alias" parameter "newName": 1/);
  assert.equal(bind(alignTo, [arg(list), arg(true)]).alignTo, true, 'a listed option of another type');
});
