import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integralByInterval } from '../../../src/render/functions/integralByInterval.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

test('a running total that starts again at each whole interval from the start of the request', async () => {
  // request from 1000; the series starts at 1010: buckets [1000, 1030), [1030, 1060), ...
  const ctx = context({ startTime: 1000, endTime: 1100 });
  const [s] = await call(integralByInterval, { seriesList: [series('a', 1010, 10, [1, 2, null, 4, 5, 6])], intervalUnit: '30s' }, ctx);
  assert.equal(s.name, "integralByInterval(a,'30s')");
  assert.equal(s.pathExpression, "integralByInterval(a,'30s')");
  assert.equal(s.tags.integralByInterval, '30s');
  // a null shows the total so far
  assert.deepEqual(vals(s), [1, 3, 0, 4, 9, 6]);
});

test('the sign of the interval is ignored; a bad or empty interval is a 400', async () => {
  const ctx = context({ startTime: 1000, endTime: 1100 });
  const [s] = await call(integralByInterval, { seriesList: [series('a', 1010, 10, [1, 2, 3])], intervalUnit: '-20s' }, ctx);
  assert.deepEqual(vals(s), [1, 2, 5]);
  await assert.rejects(call(integralByInterval, { seriesList: [series('a', 1010, 10, [1])], intervalUnit: 'soon' }, ctx), InputError);
  await assert.rejects(call(integralByInterval, { seriesList: [series('a', 1010, 10, [1])], intervalUnit: '0s' }, ctx), InputError);
});
