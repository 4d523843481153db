import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingSum } from '../../../src/render/functions/movingSum.js';
import { call, context, series, vals } from './helpers.js';

test('sums of the window before each point', async () => {
  const ctx = context({ startTime: 100, argSources: ['x'], sources: { x: ({ startTime }) => [series('x', startTime, 10, [1, 2, null, null, 5])] } });
  const [out] = await call(movingSum, { seriesList: [series('x', 100, 10, [0])], windowSize: '20s' }, ctx);
  assert.equal(out.name, 'movingSum(x,"20s")');
  assert.deepEqual(vals(out), [3, 2, null]);
  assert.equal(out.tags.movingSum, '20s');
});
