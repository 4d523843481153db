import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeShift } from '../../../src/render/functions/timeShift.js';
import { call, context, series, vals } from './helpers.js';

const sources = { 'a.b': ({ startTime, endTime }: { startTime: number; endTime: number }) => [series('a.b', startTime + 10, 10, new Array((endTime - startTime) / 10).fill(startTime))] };

test('back in time unless +; laid over the original range', async () => {
  const ctx = context({ startTime: 10000, endTime: 10100, argSources: ['a.b'], sources });
  const original = series('a.b', 10010, 10, new Array(10).fill(1));
  const [s] = await call(timeShift, { seriesList: [original], timeShift: '1h' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'a.b', startTime: 6400, endTime: 6500 }]);
  assert.equal(s.name, 'timeShift(a.b, "-1h")');
  assert.equal(s.tags.timeShift, '-1h');
  assert.deepEqual([s.start, s.end], [10010, 10110]);
  assert.deepEqual(vals(s).slice(0, 1), [6400]);
  await call(timeShift, { seriesList: [original], timeShift: '+1h' }, ctx);
  assert.deepEqual(ctx.calls[1], { target: 'a.b', startTime: 13600, endTime: 13700 });
});

test('resetEnd false keeps the shifted length; an empty input gives nothing', async () => {
  const ctx = context({ startTime: 10000, endTime: 10100, argSources: ['a.b'], sources });
  const [s] = await call(timeShift, { seriesList: [series('a.b', 10010, 10, [1, 2])], timeShift: '1h', resetEnd: false }, ctx);
  assert.deepEqual([s.start, s.end], [10010, 10110]);
  assert.deepEqual(await call(timeShift, { seriesList: [], timeShift: '1h' }, ctx), []);
});

test('alignDst adds the hour lost when only the shifted range is outside DST', async () => {
  // Summer range shifted back into winter, in Paris
  const start = Date.UTC(2026, 6, 1) / 1000;
  const ctx = context({ startTime: start, endTime: start + 100, tz: 'Europe/Paris', argSources: ['a.b'], sources });
  await call(timeShift, { seriesList: [series('a.b', start, 10, [1])], timeShift: '180d', alignDst: true }, ctx);
  assert.deepEqual(ctx.calls[0], { target: 'a.b', startTime: start - 180 * 86400 + 3600, endTime: start + 100 - 180 * 86400 + 3600 });
});
