import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyCorrection, correctionAt, decimalAt, MAX_CORRECTION, POW10, smallestExponent } from '../../../src/series/codec/decimal.js';
import { bitsOf, fromBits } from './arbitraries.js';

test('decimalAt gives k exactly when k / 10^e is the value, bit for bit', () => {
  assert.equal(decimalAt(58.685, 3), 58685);
  assert.ok(Number.isNaN(decimalAt(58.685, 2)));
  assert.equal(decimalAt(-12, 0), -12);
  assert.equal(decimalAt(0, 5), 0);
  for (const v of [-0, NaN, Infinity, -Infinity, 2 ** 53, 0.1 + 0.2]) assert.ok(Number.isNaN(decimalAt(v, 1)), `${v}`);
  fc.assert(
    fc.property(fc.double(), fc.integer({ min: 0, max: 22 }), (v, e) => {
      const k = decimalAt(v, e);
      if (!Number.isNaN(k)) assert.equal(bitsOf(k / POW10[e]), bitsOf(v));
    }),
  );
});

test('smallestExponent finds the fewest digits, allowing a slack in units in the last place', () => {
  assert.equal(smallestExponent(58.685, 0, 0), 3);
  assert.equal(smallestExponent(1200, 0, 0), 0);
  assert.equal(smallestExponent(1e-20, 0, 0), 20);
  assert.equal(smallestExponent(0.1 + 0.2, 0, 0), -1);
  assert.equal(smallestExponent(0.1 + 0.2, 0, 8), 1);
  assert.equal(smallestExponent(NaN, 0, 8), -1);
  assert.equal(smallestExponent(58.685, 4, 0), 4);
});

test('a correction moves k / 10^e onto the value, for every value within the limit', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: -1e12, max: 1e12 }).filter((k) => k !== 0),
      fc.integer({ min: -MAX_CORRECTION, max: MAX_CORRECTION }),
      (e, k0, ulps) => {
        const v = fromBits(bitsOf(k0 / POW10[e]) + BigInt(ulps));
        const k = Math.round(v * POW10[e]);
        assert.equal(k, k0);
        const c = correctionAt(v, k, e);
        assert.equal(c, ulps, `${v} is ${ulps} ulps from ${k0}e-${e}`);
        const words = new Uint32Array(new Float64Array([k / POW10[e]]).buffer);
        applyCorrection(words, 0, c);
        assert.equal(bitsOf(new Float64Array(words.buffer)[0]), bitsOf(v));
      },
    ),
  );
  // beyond the limit, and for what has no decimal near it, there is none
  assert.ok(Number.isNaN(correctionAt(fromBits(bitsOf(1.5) + 1000n), 15, 1)));
  assert.ok(Number.isNaN(correctionAt(-0, 0, 0)));
  assert.ok(Number.isNaN(correctionAt(NaN, NaN, 0)));
});
