import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile } from '../../../../src/render/functions/lib/percentile.js';

test('nearest rank on the sorted non-null values', () => {
  const points = [15, 20, NaN, 35, 40, 50];
  assert.equal(percentile(points, 5), 15);
  assert.equal(percentile(points, 30), 20);
  assert.equal(percentile(points, 40), 35);
  assert.equal(percentile(points, 50), 35);
  assert.equal(percentile(points, 100), 50);
  assert.ok(Number.isNaN(percentile([NaN], 50)));
});

test('interpolation between neighbours', () => {
  assert.equal(percentile([1, 2, 3, 4], 50, true), 2.5);
});
