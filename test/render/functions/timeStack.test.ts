import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeStack } from '../../../src/render/functions/timeStack.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

/** a.b over any range: points every 10 s valued by their own time */
const sources = {
  'a.b': ({ startTime, endTime }: { startTime: number; endTime: number }) => [
    series('a.b', startTime + 10, 10, Array.from({ length: (endTime - startTime) / 10 }, (_, i) => startTime + 10 + i * 10)),
  ],
};

test('one read per shift, back in time unless +; each copy laid over the first series of the request', async () => {
  const ctx = context({ startTime: 10000, endTime: 10100, argSources: ['a.b'], sources });
  const out = await call(timeStack, { seriesList: [series('a.b', 10010, 10, new Array(10).fill(0))], timeShiftUnit: '1h', timeShiftStart: 0, timeShiftEnd: 3 }, ctx);
  assert.deepEqual(ctx.calls, [0, 1, 2].map((n) => ({ target: 'a.b', startTime: 10000 - n * 3600, endTime: 10100 - n * 3600 })));
  assert.deepEqual(out.map((s) => s.name), ['timeShift(a.b, -1h, 0)', 'timeShift(a.b, -1h, 1)', 'timeShift(a.b, -1h, 2)']);
  assert.deepEqual(out.map((s) => s.pathExpression), out.map((s) => s.name));
  assert.deepEqual(out[2].tags, { name: 'a.b', timeShiftUnit: '-1h', timeShift: '2' });
  assert.deepEqual(out.map((s) => [s.start, s.end]), [[10010, 10110], [10010, 10110], [10010, 10110]]);
  assert.deepEqual(vals(out[1]).slice(0, 2), [6410, 6420]);
});

test('defaults: a day, shifts 0 to 6; a + goes forward; no shift or no series: nothing', async () => {
  const ctx = context({ startTime: 100000, endTime: 100100, argSources: ['a.b'], sources });
  const input = [series('a.b', 100010, 10, [1])];
  assert.equal((await call(timeStack, { seriesList: input }, ctx)).length, 7);
  assert.deepEqual(ctx.calls.map((c) => c.startTime), [0, 1, 2, 3, 4, 5, 6].map((n) => 100000 - n * 86400));
  const [fwd] = await call(timeStack, { seriesList: input, timeShiftUnit: '+1min', timeShiftStart: 2, timeShiftEnd: 3 }, ctx);
  assert.equal(fwd.name, 'timeShift(a.b, +1min, 2)');
  assert.equal(ctx.calls.at(-1)!.startTime, 100120);
  assert.deepEqual(await call(timeStack, { seriesList: input, timeShiftStart: 3, timeShiftEnd: 1 }, ctx), []);
  assert.deepEqual(await call(timeStack, { seriesList: [], timeShiftEnd: 2 }, ctx), []);
});

test('an empty unit or too many shifts to read is a 400', async () => {
  const ctx = context({ startTime: 100000, endTime: 100100, argSources: ['a.b'], sources });
  await assert.rejects(call(timeStack, { seriesList: [], timeShiftUnit: '' }, ctx), InputError);
  await assert.rejects(call(timeStack, { seriesList: [], timeShiftUnit: '1s', timeShiftEnd: 1e9 }, ctx), /at most 10000 shifts/);
});
