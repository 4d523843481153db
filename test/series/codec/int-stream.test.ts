import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkFormatError } from '../../../src/series/codec/chunk-error.js';
import { readOwnBits } from '../../../src/series/codec/column-io.js';
import { decodeIntStream, ExceptionList, IntStreamEncoder, MAX_STREAM_INT } from '../../../src/series/codec/int-stream.js';

type Item = { int: number } | { hi: number; lo: number };

function roundTrip(items: readonly Item[]): { ints: Float64Array; exceptions: ExceptionList; bits: number } {
  const enc = new IntStreamEncoder();
  for (const it of items) {
    if ('int' in it) enc.appendInt(it.int);
    else enc.appendException(it.hi, it.lo);
  }
  const out = new Float64Array(items.length);
  const exceptions = new ExceptionList();
  decodeIntStream(readOwnBits(enc, enc.pendingRunBit), items.length, out, 0, exceptions, 'test');
  return { ints: out, exceptions, bits: enc.length };
}

const int = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -MAX_STREAM_INT, max: MAX_STREAM_INT }),
  fc.constantFrom(MAX_STREAM_INT, -MAX_STREAM_INT, 0),
);
/** runs of constant, ramping, random and extreme integers, with exceptions among them */
const items: fc.Arbitrary<Item[]> = fc
  .array(
    fc.oneof(
      fc.tuple(int, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 2000 })).map(([start, step, n]) =>
        Array.from({ length: n }, (_, i) => ({ int: Math.max(-MAX_STREAM_INT, Math.min(MAX_STREAM_INT, start + i * step)) })),
      ),
      fc.array(int.map((v) => ({ int: v })), { maxLength: 200 }),
      fc.array(fc.tuple(fc.nat(2 ** 32 - 1), fc.nat(2 ** 32 - 1)).map(([hi, lo]) => ({ hi, lo })), { maxLength: 5 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.flat());

test('integers and exceptions come back in place', () => {
  fc.assert(
    fc.property(items, (its) => {
      const { ints, exceptions } = roundTrip(its);
      let x = 0;
      its.forEach((it, i) => {
        if ('int' in it) assert.equal(ints[i], it.int, `point ${i}`);
        else {
          assert.equal(exceptions.positions[x], i);
          assert.deepEqual([exceptions.his[x], exceptions.los[x]], [it.hi, it.lo]);
          x++;
        }
      });
      assert.equal(exceptions.length, x);
    }),
    { numRuns: 300 },
  );
});

test('regular sequences cost a few bits for thousands of points', () => {
  const ramp = roundTrip(Array.from({ length: 10000 }, (_, i) => ({ int: 1000 + 7 * i })));
  assert.ok(ramp.bits < 100, `ramp: ${ramp.bits} bits`);
  const flat = roundTrip(Array.from({ length: 10000 }, () => ({ int: -42 })));
  assert.ok(flat.bits < 100, `constant: ${flat.bits} bits`);
  // a random walk costs about its entropy, well under 64 bits a point
  let seed = 3;
  let v = 0;
  const walk = roundTrip(Array.from({ length: 10000 }, () => ({ int: (v += ((seed = (seed * 48271) % 2147483647) % 201) - 100) })));
  assert.ok(walk.bits / 10000 < 10, `walk: ${walk.bits / 10000} bits a point`);
});

test('an exception where only integers may be is refused', () => {
  const enc = new IntStreamEncoder();
  enc.appendInt(5);
  enc.appendException(0x7ff80000, 0);
  assert.throws(() => decodeIntStream(readOwnBits(enc, enc.pendingRunBit), 2, new Float64Array(2), 0, null, 'timestamps'), ChunkFormatError);
});

test('every way out of the 32-bit decode and back: runs, big values, big jumps, escapes and exceptions between noisy points', () => {
  let seed = 17;
  const noise = () => ((seed = (seed * 48271) % 2147483647) % 20001) - 10000;
  const its: Item[] = [];
  const noisy = (base: number, n: number) => {
    for (let i = 0; i < n; i++) its.push({ int: base + noise() });
  };
  noisy(50_000, 500);
  // zero residuals: run mode, then noise again
  for (let i = 0; i < 40; i++) its.push({ int: 7 });
  noisy(50_000, 300);
  // past the 32-bit bounds (2^28), far past them, then back: the first point back has a huge delta
  noisy(2 ** 28, 50);
  noisy(MAX_STREAM_INT - 20_000, 50);
  noisy(-(2 ** 28) + 5, 50);
  noisy(1000, 300);
  // a residual that escapes the Rice code, an exception, a ramp and more noise
  its.push({ int: 1000 + 2 ** 40 }, { int: 1000 }, { hi: 0x7ff80000, lo: 1 });
  for (let i = 0; i < 200; i++) its.push({ int: 123_456 + 10 * i });
  noisy(-50_000, 500);
  const { ints, exceptions } = roundTrip(its);
  let x = 0;
  its.forEach((it, i) => {
    if ('int' in it) assert.equal(ints[i], it.int, `point ${i}`);
    else assert.equal(exceptions.positions[x++], i);
  });
  assert.equal(exceptions.length, 1);
});
