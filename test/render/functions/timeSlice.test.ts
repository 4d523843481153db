import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeSlice } from '../../../src/render/functions/timeSlice.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

test('points outside [start, end] become null, counted from the request start one step at a time', async () => {
  const ctx = context({ startTime: 1000, endTime: 1060, now: 5000 });
  // the series starts at 1010, but graphite-web counts its points' times from the request's 1000
  const [s] = await call(timeSlice, { seriesList: [series('a', 1010, 10, [1, 2, 3, null, 5, 6])], startSliceAt: '1010', endSliceAt: '1030' }, ctx);
  assert.equal(s.name, 'timeSlice(a, 1010, 1030)');
  assert.equal(s.pathExpression, 'a');
  assert.deepEqual([s.tags.timeSliceStart, s.tags.timeSliceEnd], ['1010', '1030']);
  assert.deepEqual(vals(s), [null, 2, 3, null, null, null]);
});

test('the end is now unless given; times are read in the request zone, relative to its now', async () => {
  const ctx = context({ startTime: 1000, endTime: 1060, now: 1040 });
  const [s] = await call(timeSlice, { seriesList: [series('a', 1000, 10, [1, 2, 3, 4, 5, 6])], startSliceAt: '-20s' }, ctx);
  assert.equal(s.name, 'timeSlice(a, 1020, 1040)');
  assert.deepEqual(vals(s), [null, null, 3, 4, 5, null]);
  await assert.rejects(call(timeSlice, { seriesList: [series('a', 1000, 10, [1])], startSliceAt: 1000 }, ctx), InputError);
});
