import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POINTS_PER_PAUSE, eachSeries, mapPaced, runPaced } from '../../../../src/render/functions/lib/paced.js';

function valued(points: number) {
  return { values: new Float64Array(points) };
}

test('small work never pauses; large work pauses about every POINTS_PER_PAUSE points', async () => {
  let pauses = 0;
  const ctx = { pause: async () => void pauses++ };
  const small = Array.from({ length: 10 }, () => valued(100));
  assert.deepEqual(await mapPaced(ctx, small, (_s, i) => i), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(pauses, 0);
  const large = Array.from({ length: 40 }, () => valued(POINTS_PER_PAUSE / 4));
  await mapPaced(ctx, large, () => 0);
  assert.equal(pauses, 10);
  // the cost of a series can be more than its points
  pauses = 0;
  await mapPaced(ctx, small, () => 0, (s) => s.values.length * 1000);
  assert.equal(pauses, 10);
});

test('a pause that throws (the request called off) stops the work there', async () => {
  let done = 0;
  const ctx = {
    pause: async () => {
      throw new Error('called off');
    },
  };
  const list = Array.from({ length: 10 }, () => valued(POINTS_PER_PAUSE));
  await assert.rejects(
    mapPaced(ctx, list, () => done++),
    /called off/,
  );
  assert.equal(done, 1);
});

test('runPaced returns the work\'s value', async () => {
  const work = eachSeries([valued(1), valued(2)], (s) => s.values.length * 10);
  assert.deepEqual(await runPaced({ pause: async () => {} }, work), [10, 20]);
});
