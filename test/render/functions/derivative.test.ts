import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivative } from '../../../src/render/functions/derivative.js';
import { call, series, vals } from './helpers.js';

test('each point minus the previous one, drops included', async () => {
  const [s] = await call(derivative, { seriesList: [series('c', 0, 10, [1, 5, 2, null, 8, 9])] });
  assert.equal(s.name, 'derivative(c)');
  assert.deepEqual(vals(s), [null, 4, -3, null, null, 1]);
  assert.equal(s.tags.derivative, '1');
});
