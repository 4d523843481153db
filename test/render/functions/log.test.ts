import { test } from 'node:test';
import assert from 'node:assert/strict';
import { log } from '../../../src/render/functions/log.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test('log in base 10 unless given; points at or below zero and nulls give null', async () => {
  const [s] = await call(log, { seriesList: [series('a', 0, 10, [100, 0, -1, null, 1])] });
  assert.equal(s.name, 'log(a, 10)');
  assert.equal(s.pathExpression, 'log(a, 10)');
  assert.equal(s.tags.log, '10');
  assert.deepEqual(vals(s), [2, null, null, null, 0]);
  const [b] = await call(log, { seriesList: [series('a', 0, 10, [8])], base: 2 });
  assert.equal(b.name, 'log(a, 2)');
  assert.deepEqual(vals(b), [3]);
});

test('a base with no logarithm (1, 0, negative) is a 400 once a point needs it', async () => {
  for (const base of [1, 0, -2]) {
    await assert.rejects(call(log, { seriesList: [series('a', 0, 10, [5])], base }), InputError);
    // no positive point: nothing to compute, as in graphite-web
    const [s] = await call(log, { seriesList: [series('a', 0, 10, [0, null])], base });
    assert.deepEqual(vals(s), [null, null]);
  }
});
