import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movingMedian } from '../../../src/render/functions/movingMedian.js';
import { call, context, series, vals } from './helpers.js';

test('the median of the window before each point: the middle value, or the mean of the two middle ones', async () => {
  const sources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 60, [5, 1, null, 9, 3, 3])] };
  const ctx = context({ startTime: 1200, argSources: ['x'], sources });
  const [out] = await call(movingMedian, { seriesList: [series('x', 1200, 60, [0])], windowSize: '3min' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: 1020, endTime: 2000 }]);
  assert.equal(out.name, 'movingMedian(x,"3min")');
  assert.equal(out.tags.movingMedian, '3min');
  // windows [5,1,-] [1,-,9] [-,9,3]
  assert.deepEqual(vals(out), [3, 5, 6]);
});
