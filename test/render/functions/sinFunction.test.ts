import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sin, sinFunction } from '../../../src/render/functions/sinFunction.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, vals } from './helpers.js';

test('amplitude * sin(t) every `step` seconds over the request', async () => {
  const ctx = context({ startTime: 1000, endTime: 1100 });
  const [s] = await call(sinFunction, { name: 'wave' }, ctx);
  assert.equal(s.name, 'wave');
  assert.deepEqual([s.start, s.end, s.step], [1000, 1100, 60]);
  assert.deepEqual(vals(s), [Math.sin(1000), Math.sin(1060)]);
  const [a] = await call(sin, { name: 'wave', amplitude: 3, step: 25 }, ctx);
  assert.deepEqual(vals(a), [1000, 1025, 1050, 1075].map((t) => Math.sin(t) * 3));
  await assert.rejects(call(sin, { name: 'wave', step: 0 }, ctx), InputError);
});
