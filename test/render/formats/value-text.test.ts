import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonValue } from '../../../src/render/formats/value-text.js';

test('JSON values: null for NaN, ±1e9999 for infinities', () => {
  assert.equal(jsonValue(NaN), 'null');
  assert.equal(jsonValue(Infinity), '1e9999');
  assert.equal(jsonValue(-Infinity), '-1e9999');
  assert.equal(jsonValue(5), '5.0');
});
