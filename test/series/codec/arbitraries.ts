/**
 * fast-check generators for the codec tests: value sequences that exercise every scheme and
 * every switch between them, and timestamp sequences with repeats, gaps, unaligned and huge
 * offsets. Also the bit-exact comparison the tests share.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';

/** The float64 whose 64 bits are `bits` (any pattern: NaN payloads, signalling NaNs, -0). */
export function fromBits(bits: bigint): number {
  return new Float64Array(new BigUint64Array([bits]).buffer)[0];
}

export function bitsOf(v: number): bigint {
  return new BigUint64Array(new Float64Array([v]).buffer)[0];
}

/** Asserts two sequences of float64 are equal bit for bit. */
export function assertSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const a = new BigUint64Array(Float64Array.from(actual).buffer);
  const e = new BigUint64Array(Float64Array.from(expected).buffer);
  for (let i = 0; i < e.length; i++) {
    if (a[i] !== e[i]) {
      assert.fail(`${what}[${i}]: got ${actual[i]} (0x${a[i].toString(16)}), expected ${expected[i]} (0x${e[i].toString(16)})`);
    }
  }
}

export const SPECIALS: readonly number[] = [
  NaN,
  -0,
  0,
  Infinity,
  -Infinity,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072014e-308, // smallest normal
  2.225073858507201e-308, // largest subnormal
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 53,
  2 ** 60,
  1e-300,
  0.1 + 0.2,
  fromBits(0x7ff0000000000001n), // signalling NaN
  fromBits(0xfff8000000000123n), // negative quiet NaN with a payload
];

const special = fc.constantFrom(...SPECIALS);

/** v moved by `ulps` units in the last place (through its bit pattern; stays v when not finite). */
function nudge(v: number, ulps: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const bits = bitsOf(v) + BigInt(ulps);
  const moved = fromBits(bits);
  return Number.isFinite(moved) && Math.sign(moved) === Math.sign(v) ? moved : v;
}

/** k / 10^digits for k drawn near zero: a decimal of 0-6 digits, exact as such. */
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -1e9, max: 1e9 }))
  .map(([digits, k]) => k / 10 ** digits);

/** A run of values of one character, so several runs in a row switch schemes mid-chunk. */
const segment: fc.Arbitrary<number[]> = fc.oneof(
  // a flat run (the same value, whatever it is)
  fc.tuple(fc.oneof(special, decimal, fc.double()), fc.integer({ min: 1, max: 1000 })).map(([v, n]) => Array<number>(n).fill(v)),
  // a random walk of d-digit decimals
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -1e7, max: 1e7 }), fc.array(fc.integer({ min: -2000, max: 2000 }), { minLength: 1, maxLength: 300, size: 'max' }))
    .map(([digits, start, steps]) => {
      let k = start;
      return steps.map((s) => (k += s) / 10 ** digits);
    }),
  // a counter, sometimes near 2^53
  fc
    .tuple(fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.constant(2 ** 53 - 5000)), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 300, size: 'max' }))
    .map(([start, steps]) => {
      let v = start;
      return steps.map((s) => Math.min((v += s), Number.MAX_SAFE_INTEGER));
    }),
  // running float sums of decimals (rollup sums): short decimals give or take a few units in the last place
  fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: -100000, max: 100000 }), { minLength: 1, maxLength: 300, size: 'max' }))
    .map(([digits, ks]) => {
      let sum = 0;
      return ks.map((k) => (sum += k / 10 ** digits));
    }),
  // decimals nudged by a few units in the last place, some by many
  fc
    .array(fc.tuple(decimal, fc.oneof(fc.integer({ min: -70, max: 70 }), fc.integer({ min: -(2 ** 20), max: 2 ** 20 }))), { minLength: 1, maxLength: 200, size: 'max' })
    .map((pairs) => pairs.map(([v, ulps]) => nudge(v, ulps))),
  // independent decimals, specials, and arbitrary doubles / bit patterns
  fc.array(decimal, { minLength: 1, maxLength: 200, size: 'max' }),
  fc.array(fc.oneof(special, decimal), { minLength: 1, maxLength: 100, size: 'max' }),
  fc.array(fc.double(), { minLength: 1, maxLength: 200, size: 'max' }),
  fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(fromBits), { minLength: 1, maxLength: 100, size: 'max' }),
);

/** A sequence of values made of 1-4 segments of different character. */
export const values: fc.Arbitrary<number[]> = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => segs.flat());

export interface TimeAxis {
  windowStart: number;
  step: number;
  timestamps: number[];
}

const MAX_OFFSET = 2 ** 49;

/** `n` non-decreasing integer timestamps >= windowStart: mostly one step apart, with every kind of irregularity. */
export function timeAxis(n: number): fc.Arbitrary<TimeAxis> {
  // aligned axes (multiples of the step only, the engine's case) and free ones
  const gap = (step: number, aligned: boolean) =>
    fc.oneof(
      { weight: 30, arbitrary: fc.constant(step) },
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 2, max: 50 }).map((k) => k * step) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: Math.floor(2 ** 40 / step) }).map((k) => k * step) },
      { weight: aligned ? 0 : 1, arbitrary: fc.integer({ min: 1, max: 3 * step + 1 }) },
      { weight: aligned ? 0 : 1, arbitrary: fc.integer({ min: 1, max: 2 ** 40 }) },
    );
  return fc
    .record({
      windowStart: fc.oneof(fc.constant(1795140000), fc.integer({ min: 0, max: 2 ** 34 }), fc.integer({ min: -(2 ** 45), max: 2 ** 45 })),
      step: fc.oneof(fc.constantFrom(1, 10, 60, 3600), fc.integer({ min: 1, max: 100000 })),
      firstOffset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100000 })),
      aligned: fc.boolean(),
    })
    .chain(({ windowStart, step, firstOffset, aligned }) =>
      fc.array(gap(step, aligned), { minLength: n, maxLength: n }).map((gaps) => {
        const timestamps: number[] = [];
        let offset = aligned ? firstOffset - (firstOffset % step) : firstOffset;
        for (let i = 0; i < n; i++) {
          if (i > 0 && offset + gaps[i] <= MAX_OFFSET) offset += gaps[i];
          timestamps.push(windowStart + offset);
        }
        return { windowStart, step, timestamps };
      }),
    );
}

/** A series: a time axis and as many values. */
export const series: fc.Arbitrary<TimeAxis & { values: number[] }> = values.chain((vs) => timeAxis(vs.length).map((axis) => ({ ...axis, values: vs })));
