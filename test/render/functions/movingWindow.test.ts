import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingWindow } from '../../../src/render/functions/movingWindow.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

const x = [4, null, 1, 3, null, 8, 2];
const sources = { 'a.*': ({ startTime }: { startTime: number }) => [series('a.b', startTime, 10, x, { pathExpression: 'a.*' })] };
const input = [series('a.b', 1000, 10, [0], { pathExpression: 'a.*' })];

test('the window of points before each point, by the aggregation named, fetched from earlier', async () => {
  const ctx = context({ startTime: 1000, argSources: ['a.*'], sources });
  const [out] = await call(movingWindow, { seriesList: input, windowSize: 3, func: 'median' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'a.*', startTime: 970, endTime: 2000 }]);
  assert.equal(out.name, 'movingMedian(a.b,3)');
  assert.equal(out.tags.movingMedian, '3');
  assert.equal(out.start, 1000);
  // windows [4,-,1] [-,1,3] [1,3,-] [3,-,8]
  assert.deepEqual(vals(out), [2.5, 2, 2, 5.5]);
});

test('average by default; the name follows Python capitalize() of the aggregation', async () => {
  const ctx = () => context({ startTime: 1000, argSources: ['a.*'], sources });
  assert.equal((await call(movingWindow, { seriesList: input, windowSize: 2 }, ctx()))[0].name, 'movingAverage(a.b,2)');
  const [range] = await call(movingWindow, { seriesList: input, windowSize: '30s', func: 'rangeOf' }, ctx());
  assert.equal(range.name, 'movingRangeof(a.b,"30s")');
  assert.deepEqual(Object.keys(range.tags), ['name', 'movingRangeof']);
  assert.deepEqual(vals(range), [3, 2, 2, 5]);
  const [zero] = await call(movingWindow, { seriesList: input, windowSize: 3, func: 'avg_zero' }, ctx());
  assert.equal(zero.name, 'movingAvg_zero(a.b,3)');
  // avg_zero over the non-null values only, as graphite-web hands them over
  assert.deepEqual(vals(zero), [2.5, 2, 2, 5.5]);
});

test('xFilesFactor: the share of the window that must be non-null (the series own by default)', async () => {
  const [out] = await call(movingWindow, { seriesList: input, windowSize: 3, func: 'sum', xFilesFactor: 0.7 }, context({ startTime: 1000, argSources: ['a.*'], sources }));
  assert.deepEqual(vals(out), [null, null, null, null]);
  const own = { 'a.*': ({ startTime }: { startTime: number }) => [series('a.b', startTime, 10, x, { pathExpression: 'a.*', xFilesFactor: 0.6 })] };
  const [byOwn] = await call(movingWindow, { seriesList: input, windowSize: 3, func: 'sum' }, context({ startTime: 1000, argSources: ['a.*'], sources: own }));
  assert.deepEqual(vals(byOwn), [5, 4, 4, 11]);
});

test('nothing for an empty input; a deprecated or unknown aggregation is a 400', async () => {
  assert.deepEqual(await call(movingWindow, { seriesList: [], windowSize: 3, func: 'sumSeries' }), []);
  await assert.rejects(call(movingWindow, { seriesList: input, windowSize: 3, func: 'sumSeries' }, context({ startTime: 1000, argSources: ['a.*'], sources })), /Unsupported aggregation function: sumSeries/);
  await assert.rejects(call(movingWindow, { seriesList: input, windowSize: 3, func: 'nope' }), /Invalid "aggFunc" value/);
  await assert.rejects(call(movingWindow, { seriesList: input, windowSize: -2 }), InputError);
});
