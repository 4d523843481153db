import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stdev } from '../../../src/render/functions/stdev.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

const populationStdev = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
};

test('the population standard deviation of the window of points ending at each point', async () => {
  const [out] = await call(stdev, { seriesList: [series('x', 0, 10, [2, 4, 4, 4, 5, 5, 7, 9])], points: 4 });
  assert.equal(out.name, 'stdev(x,4)');
  assert.equal(out.tags.stdev, '4');
  const x = [2, 4, 4, 4, 5, 5, 7, 9];
  const expected = x.map((_, i) => populationStdev(x.slice(Math.max(0, i - 3), i + 1)));
  vals(out).forEach((v, i) => assert.ok(Math.abs(v! - expected[i]) < 1e-12, `point ${i}: ${v} vs ${expected[i]}`));
});

test('windowTolerance: the share of non-null points a window needs (0.1 by default)', async () => {
  const x = [1, null, null, null, 3];
  assert.deepEqual(vals((await call(stdev, { seriesList: [series('x', 0, 10, x)], points: 4 }))[0]), [0, 0, 0, 0, 0]);
  assert.deepEqual(vals((await call(stdev, { seriesList: [series('x', 0, 10, x)], points: 4, windowTolerance: 0.5 }))[0]), [null, null, null, null, null]);
  assert.deepEqual(vals((await call(stdev, { seriesList: [series('x', 0, 10, [null, 2])], points: 2, windowTolerance: 0 }))[0]), [null, 0]);
});

test('nothing for an empty input; negative points over data are a 400, fractional ones a 400 from the binder', async () => {
  assert.deepEqual(await call(stdev, { seriesList: [], points: -1 }), []);
  await assert.rejects(call(stdev, { seriesList: [series('x', 0, 10, [1])], points: -1 }), InputError);
  await assert.rejects(call(stdev, { seriesList: [series('x', 0, 10, [1])], points: 'two' }), /Invalid "integer" value/);
});
