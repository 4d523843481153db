import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perSecond } from '../../../src/render/functions/perSecond.js';
import { call, series, vals } from './helpers.js';

test('growth per second, rounded to 6 decimals; drops and gaps give null', async () => {
  const [s] = await call(perSecond, { seriesList: [series('c', 0, 3, [0, 1, 3, 1, null, 4])] });
  assert.equal(s.name, 'perSecond(c)');
  assert.deepEqual(vals(s), [null, 0.333333, 0.666667, null, null, null]);
  assert.equal(s.tags.perSecond, '1');
});

test('maxValue: a wrap counts to the maximum and on from 0 (or minValue)', async () => {
  const [s] = await call(perSecond, { seriesList: [series('c', 0, 10, [90, 99, 9])], maxValue: 99 });
  assert.deepEqual(vals(s), [null, 0.9, 1]);
  const [m] = await call(perSecond, { seriesList: [series('c', 0, 10, [90, 99, 15])], maxValue: 99, minValue: 10 });
  // 99 + 1 + 15 - 99 - 10
  assert.deepEqual(vals(m), [null, 0.9, 0.6]);
});
