import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exponentialMovingAverage } from '../../../src/render/functions/exponentialMovingAverage.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

const sources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 10, [2, null, 4, 6, null, 8])] };

test('starts from the average of the window before the request, then k * value + (1 - k) * previous', async () => {
  const ctx = context({ startTime: 1030, argSources: ['x'], sources });
  const [out] = await call(exponentialMovingAverage, { seriesList: [series('x', 1030, 10, [0])], windowSize: 3 }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: 1000, endTime: 2000 }]);
  assert.equal(out.name, 'exponentialMovingAverage(x,3)');
  assert.equal(out.tags.exponentialMovingAverage, '3');
  assert.equal(out.start, 1030);
  // k = 0.5: avg(2, 4) = 3, then 0.5*6 + 1.5 = 4.5, null, 0.5*8 + 2.25 = 6.25; one point more
  // than the values after the window, as graphite-web
  assert.deepEqual(vals(out), [3, 4.5, null, 6.25]);
});

test('an interval: k from its length in seconds; values rounded to 6 decimals', async () => {
  const ctx = context({ startTime: 1020, argSources: ['x'], sources });
  const [out] = await call(exponentialMovingAverage, { seriesList: [series('x', 1020, 10, [0])], windowSize: '20s' }, ctx);
  assert.equal(out.name, 'exponentialMovingAverage(x,"20s")');
  const k = 2 / 21;
  const first = 2;
  const second = k * 4 + (1 - k) * first;
  const third = k * 6 + (1 - k) * second;
  assert.deepEqual(vals(out), [first, Math.round(second * 1e6) / 1e6, Math.round(third * 1e6) / 1e6, null, Math.round((k * 8 + (1 - k) * third) * 1e6) / 1e6]);
});

test('a window without values starts from 0; empty input gives nothing; a negative window is a 400', async () => {
  const empty = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 10, [null, null, 5])] };
  const [out] = await call(exponentialMovingAverage, { seriesList: [series('x', 1020, 10, [0])], windowSize: 2 }, context({ startTime: 1020, argSources: ['x'], sources: empty }));
  assert.deepEqual(vals(out), [0, 5 * (2 / 3)].map((v) => Math.round(v * 1e6) / 1e6));
  assert.deepEqual(await call(exponentialMovingAverage, { seriesList: [], windowSize: 3 }), []);
  await assert.rejects(call(exponentialMovingAverage, { seriesList: [series('x', 1020, 10, [0])], windowSize: -3 }), InputError);
});
