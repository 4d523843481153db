import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constantLine } from '../../../src/render/functions/constantLine.js';
import { call, context, vals } from './helpers.js';

test('three points over the request, named by the value as a Python float', async () => {
  const [s] = await call(constantLine, { value: 5 }, context({ startTime: 1000, endTime: 2001 }));
  assert.equal(s.name, '5.0');
  assert.equal(s.pathExpression, 'constantLine(5.0)');
  assert.deepEqual([s.start, s.end, s.step], [1000, 2001, 500]);
  assert.deepEqual(vals(s), [5, 5, 5]);
  assert.equal((await call(constantLine, { value: 0.000015 }))[0].name, '1.5e-05');
});
