import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomWalk, randomWalkFunction } from '../../../src/render/functions/randomWalk.js';
import { call, context, vals } from './helpers.js';

test('a walk from 0 in random steps of [-0.5, 0.5), one point every step over the request', async () => {
  const [s] = await call(randomWalk, { name: 'walk;dc=eu', step: 7 }, context({ startTime: 1000, endTime: 1100, xFilesFactor: 0.5 }));
  assert.deepEqual([s.name, s.start, s.end, s.step, s.values.length], ['walk;dc=eu', 1000, 1100, 7, 15]);
  assert.deepEqual(s.tags, { dc: 'eu', name: 'walk' });
  assert.equal(s.xFilesFactor, 0.5, "the request's xFilesFactor");
  const v = vals(s) as number[];
  assert.equal(v[0], 0);
  for (let i = 1; i < v.length; i++) assert.ok(v[i] - v[i - 1] >= -0.5 && v[i] - v[i - 1] < 0.5);
  assert.ok(v.some((x) => x !== 0));
  const [defaults] = await call(randomWalkFunction, { name: 'w' }, context({ startTime: 0, endTime: 3600 }));
  assert.deepEqual([defaults.step, defaults.values.length], [60, 60]);
});

test('a step of zero or less is a 400 (graphite-web never returns)', async () => {
  await assert.rejects(call(randomWalk, { name: 'w', step: 0 }), /step must be a positive number of seconds, got 0/);
  await assert.rejects(call(randomWalkFunction, { name: 'w', step: -5 }), /got -5/);
});

test("its points count against the request's point limit before they are made", async () => {
  const ctx = context({ startTime: 0, endTime: 1e9 });
  const counted: number[] = [];
  ctx.countPoints = (n) => {
    counted.push(n);
    throw new Error('over the limit');
  };
  await assert.rejects(call(randomWalk, { name: 'w', step: 1 }, ctx), /over the limit/);
  assert.deepEqual(counted, [1e9]);
});
