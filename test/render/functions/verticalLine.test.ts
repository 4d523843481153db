import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verticalLine } from '../../../src/render/functions/verticalLine.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, vals } from './helpers.js';

test('one point at the time given, drawn as infinite, labelled and coloured', async () => {
  const [s] = await call(verticalLine, { ts: '-5min', label: 'deploy', color: 'blue' }, context({ startTime: 1000, endTime: 2000, now: 2000 }));
  assert.equal(s.name, 'deploy');
  assert.deepEqual([s.start, s.end, s.step], [1700, 1700, 1]);
  assert.deepEqual(vals(s), [1, 1]);
  assert.deepEqual(s.graph, { drawAsInfinite: true, color: 'blue' });
});

test("absolute times in the request's zone; without a label the line is named None", async () => {
  const noon = Date.UTC(2024, 4, 1, 10) / 1000; // 12:00 in Berlin
  const [s] = await call(verticalLine, { ts: '12:00_20240501' }, context({ startTime: noon - 3600, endTime: noon + 3600, tz: 'Europe/Berlin' }));
  assert.equal(s.start, noon);
  assert.equal(s.name, 'None');
  assert.deepEqual(s.tags, { name: 'None' });
});

test('a time outside the request is a 400', async () => {
  const ctx = context({ startTime: 1000, endTime: 2000, now: 2000 });
  await assert.rejects(call(verticalLine, { ts: '999' }, ctx), (e) => e instanceof InputError && /timestamp 999 exists before start of range/.test(e.message));
  await assert.rejects(call(verticalLine, { ts: '+1min' }, ctx), /timestamp 2060 exists after end of range/);
  await assert.rejects(call(verticalLine, { ts: 'yesterdayish' }, ctx), InputError);
});
