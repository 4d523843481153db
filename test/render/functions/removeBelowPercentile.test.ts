import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeBelowPercentile } from '../../../src/render/functions/removeBelowPercentile.js';
import { call, series, vals } from './helpers.js';

test("points below each series' own percentile become null, as nulls stay", async () => {
  const [s] = await call(removeBelowPercentile, { seriesList: [series('a', 0, 10, [5, 1, null, 3, 4, 2])], n: 50 });
  assert.equal(s.name, 'removeBelowPercentile(a, 50)');
  assert.equal(s.tags.nPercentile, '50.0');
  assert.deepEqual(vals(s), [5, null, null, 3, 4, null]);
  // a negative n counts from the end, as Python indexes do: rank -3 of 5 values reads sorted[-4], the 2
  const [neg] = await call(removeBelowPercentile, { seriesList: [series('a', 0, 10, [5, 1, 3, 4, 2])], n: -50 });
  assert.equal(neg.name, 'removeBelowPercentile(a, -50)');
  assert.deepEqual(vals(neg), [5, null, 3, 4, 2]);
});
