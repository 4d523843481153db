import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonNegativeDerivative } from '../../../src/render/functions/nonNegativeDerivative.js';
import { call, series, vals } from './helpers.js';

test('differences, null on a drop; wrap at maxValue; from minValue; values out of bounds null', async () => {
  const list = () => [series('c', 0, 10, [1, 5, 2, null, 8])];
  assert.deepEqual(vals((await call(nonNegativeDerivative, { seriesList: list() }))[0]), [null, 4, null, null, null]);
  assert.deepEqual(vals((await call(nonNegativeDerivative, { seriesList: list(), maxValue: 6 }))[0]), [null, 4, 4, null, null]);
  assert.deepEqual(vals((await call(nonNegativeDerivative, { seriesList: list(), minValue: 1 }))[0]), [null, 4, 1, null, null]);
  const [s] = await call(nonNegativeDerivative, { seriesList: list() });
  assert.equal(s.name, 'nonNegativeDerivative(c)');
  assert.equal(s.pathExpression, s.name);
});
