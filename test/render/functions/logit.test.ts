import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logit } from '../../../src/render/functions/logit.js';
import { call, series, vals } from './helpers.js';

test('log(x / (1 - x)); null where Python fails (0, 1, outside (0, 1), null)', async () => {
  const [s] = await call(logit, { seriesList: [series('a', 0, 10, [0.5, 0.75, 0, 1, 2, -0.5, null])] });
  assert.equal(s.name, 'logit(a)');
  assert.equal(s.tags.logit, 'logit');
  assert.deepEqual(vals(s), [0, Math.log(3), null, null, null, null, null]);
});
