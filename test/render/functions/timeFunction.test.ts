import { test } from 'node:test';
import assert from 'node:assert/strict';
import { time, timeFunction } from '../../../src/render/functions/timeFunction.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, vals } from './helpers.js';

test('each point is its own timestamp, every `step` seconds from the start while before the end', async () => {
  const ctx = context({ startTime: 1000, endTime: 1130, xFilesFactor: 0.5 });
  const [s] = await call(timeFunction, { name: 'the.time' }, ctx);
  assert.equal(s.name, 'the.time');
  assert.equal(s.pathExpression, 'the.time');
  assert.deepEqual([s.start, s.end, s.step, s.xFilesFactor], [1000, 1130, 60, 0.5]);
  assert.deepEqual(vals(s), [1000, 1060, 1120]);
  const [t] = await call(time, { name: 'x;dc=eu', step: 50 }, ctx);
  assert.deepEqual(vals(t), [1000, 1050, 1100]);
  assert.deepEqual(t.tags, { name: 'x', dc: 'eu' });
});

test('a step of zero or less would never end: 400; the points count against the request', async () => {
  await assert.rejects(call(time, { name: 'x', step: 0 }), InputError);
  await assert.rejects(call(time, { name: 'x', step: -60 }), InputError);
  const counted: number[] = [];
  const ctx = context({ startTime: 0, endTime: 100 });
  ctx.countPoints = (n) => counted.push(n);
  await call(time, { name: 'x', step: 30 }, ctx);
  assert.deepEqual(counted, [4]);
});
