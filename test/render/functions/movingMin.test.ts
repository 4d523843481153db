import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingMin } from '../../../src/render/functions/movingMin.js';
import { call, context, series, vals } from './helpers.js';

test('the minimum of the window of points before each point; an all-null window has none', async () => {
  const sources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 10, [5, -1, null, null, 3, 2])] };
  const ctx = context({ startTime: 1020, argSources: ['x'], sources });
  const [out] = await call(movingMin, { seriesList: [series('x', 1020, 10, [0])], windowSize: 2 }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: 1000, endTime: 2000 }]);
  assert.equal(out.name, 'movingMin(x,2)');
  assert.equal(out.tags.movingMin, '2');
  assert.deepEqual(vals(out), [-1, -1, null, 3]);
});
