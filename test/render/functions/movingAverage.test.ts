import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingAverage } from '../../../src/render/functions/movingAverage.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

const source = { 'a.*': ({ startTime }: { startTime: number }) => [series('a.b', startTime, 10, [1, 2, 3, null, 5, 6], { pathExpression: 'a.*' })] };

test('a window of points before each point, fetched from earlier', async () => {
  const ctx = context({ startTime: 1000, argSources: ['a.*'], sources: source });
  const [out] = await call(movingAverage, { seriesList: [series('a.b', 1000, 10, [0])], windowSize: 2 }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'a.*', startTime: 980, endTime: 2000 }]);
  assert.equal(out.name, 'movingAverage(a.b,2)');
  assert.equal(out.start, 1000);
  assert.deepEqual(vals(out), [1.5, 2.5, 3, 5]);
  assert.equal(out.tags.movingAverage, '2');
});

test('an interval window; xFilesFactor over the window', async () => {
  const ctx = context({ startTime: 1000, sources: source });
  const [out] = await call(movingAverage, { seriesList: [series('a.b', 1000, 10, [0], { pathExpression: 'a.*' })], windowSize: '30s', xFilesFactor: 0.7 }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'a.*', startTime: 970, endTime: 2000 }], 'the look-back of a 30 s window');
  assert.equal(out.name, 'movingAverage(a.b,"30s")');
  // windows [1,2,3], [2,3,null], [3,null,5]: two of three is below 0.7
  assert.deepEqual(vals(out), [2, null, null]);
});

test('empty input gives nothing; a bad window is a 400', async () => {
  assert.deepEqual(await call(movingAverage, { seriesList: [], windowSize: 5 }), []);
  await assert.rejects(call(movingAverage, { seriesList: [series('a', 0, 10, [1])], windowSize: 'bogus' }), InputError);
});
