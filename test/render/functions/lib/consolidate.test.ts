import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consolidateValues } from '../../../../src/render/functions/lib/consolidate.js';

const v = (xs: (number | null)[]) => Float64Array.from(xs, (x) => (x === null ? NaN : x));
const out = (a: Float64Array) => Array.from(a, (x) => (Number.isNaN(x) ? null : x));

test('each function over buckets of valuesPerPoint; the trailing partial bucket still counts', () => {
  const values = v([1, null, 3, 4, 5]);
  assert.deepEqual(out(consolidateValues(values, 2, 'average', 0)), [1, 3.5, 5]);
  assert.deepEqual(out(consolidateValues(values, 2, 'sum', 0)), [1, 7, 5]);
  assert.deepEqual(out(consolidateValues(values, 2, 'avg_zero', 0)), [0.5, 3.5, 5]);
  assert.deepEqual(out(consolidateValues(values, 2, 'min', 0)), [1, 3, 5]);
  assert.deepEqual(out(consolidateValues(values, 2, 'max', 0)), [1, 4, 5]);
  assert.deepEqual(out(consolidateValues(values, 3, 'first', 0)), [1, 4]);
  assert.deepEqual(out(consolidateValues(values, 3, 'last', 0)), [3, 5]);
});

test('xFilesFactor is measured against the full bucket, also for the last one', () => {
  const values = v([1, null, 3, 4, 5]);
  assert.deepEqual(out(consolidateValues(values, 2, 'average', 0.6)), [null, 3.5, null]);
  assert.deepEqual(out(consolidateValues(v([null, null]), 2, 'sum', 0)), [null]);
});

test('valuesPerPoint 1 leaves the values alone', () => {
  const values = v([1, null]);
  assert.equal(consolidateValues(values, 1, 'sum', 1), values);
});
