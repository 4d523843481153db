import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integral } from '../../../src/render/functions/integral.js';
import { call, series, vals } from './helpers.js';

test('running total; nulls stay null and add nothing', async () => {
  const [s] = await call(integral, { seriesList: [series('c', 0, 10, [1, null, 2, 3])] });
  assert.equal(s.name, 'integral(c)');
  assert.deepEqual(vals(s), [1, null, 3, 6]);
});
