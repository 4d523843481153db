import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threshold } from '../../../src/render/functions/threshold.js';
import { call, context, vals } from './helpers.js';

test('a constant line, renamed by its label and coloured; its tags are still the value', async () => {
  const [s] = await call(threshold, { value: 80, label: 'limit', color: 'red' }, context({ startTime: 1000, endTime: 2000 }));
  assert.equal(s.name, 'limit');
  assert.deepEqual(s.tags, { name: '80.0' });
  assert.equal(s.pathExpression, 'constantLine(80.0)');
  assert.deepEqual(s.graph, { color: 'red' });
  assert.deepEqual(vals(s), [80, 80, 80]);
  assert.deepEqual([s.start, s.end, s.step], [1000, 2000, 500]);
});

test('without a label it is named by the value; an empty label or colour counts as none', async () => {
  const [s] = await call(threshold, { value: 1.5, label: '', color: '' });
  assert.equal(s.name, '1.5');
  assert.deepEqual(s.graph, {});
});
