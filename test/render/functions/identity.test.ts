import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identity } from '../../../src/render/functions/identity.js';
import { call, context, vals } from './helpers.js';

test('the timestamp as the value, one point a minute from the start of the request', async () => {
  const [s] = await call(identity, { name: 'clock' }, context({ startTime: 1005, endTime: 1200 }));
  assert.equal(s.name, 'clock');
  assert.equal(s.pathExpression, 'identity("clock")');
  assert.deepEqual([s.start, s.end, s.step], [1005, 1200, 60]);
  assert.deepEqual(vals(s), [1005, 1065, 1125, 1185]);
  assert.equal(s.integral, true);
});

test('a tagged name is parsed into tags', async () => {
  const [s] = await call(identity, { name: 'clock;dc=eu' });
  assert.deepEqual(s.tags, { dc: 'eu', name: 'clock' });
});
