import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingMax } from '../../../src/render/functions/movingMax.js';
import { call, context, series, vals } from './helpers.js';

test('the maximum of the window of points before each point, with xFilesFactor', async () => {
  const sources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 10, [5, -1, null, null, 3, 2])] };
  const ctx = context({ startTime: 1020, argSources: ['x'], sources });
  const [out] = await call(movingMax, { seriesList: [series('x', 1020, 10, [0])], windowSize: 2, xFilesFactor: 1 }, ctx);
  assert.equal(out.name, 'movingMax(x,2)');
  assert.deepEqual(vals(out), [5, null, null, null]);
});
