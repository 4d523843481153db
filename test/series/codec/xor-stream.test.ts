import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readOwnBits } from '../../../src/series/codec/column-io.js';
import { decodeXorStream, XorStreamEncoder } from '../../../src/series/codec/xor-stream.js';
import { HI, LO } from '../../../src/series/codec/float-bits.js';
import { assertSameBits, fromBits } from './arbitraries.js';

function roundTrip(values: readonly number[]): { out: Float64Array; bits: number } {
  const enc = new XorStreamEncoder();
  const view = new Uint32Array(new Float64Array(values).buffer);
  for (let i = 0; i < values.length; i++) enc.append(view[2 * i + HI], view[2 * i + LO]);
  const out = new Float64Array(values.length);
  decodeXorStream(readOwnBits(enc, false), values.length, out, 0, 'test');
  return { out, bits: enc.length };
}

test('every bit pattern round-trips, NaN payloads included', () => {
  const bits = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(fromBits);
  const near = fc.tuple(fc.double({ noNaN: true }), fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 50 })).map(([v, ds]) => ds.map((d) => v + d));
  fc.assert(
    fc.property(fc.array(fc.oneof(bits.map((b) => [b]), near, fc.array(fc.double())), { maxLength: 8 }), (parts) => {
      const values = parts.flat();
      assertSameBits(roundTrip(values).out, values, 'values');
    }),
    { numRuns: 300 },
  );
});

test('a repeated value costs two bits', () => {
  const { bits } = roundTrip(Array<number>(101).fill(Math.PI));
  assert.equal(bits, 64 + 2 * 100);
});
