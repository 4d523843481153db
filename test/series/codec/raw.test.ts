import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeRaw, decodeRawInto, decodeRawOver, RawChunkEncoder } from '../../../src/series/codec/raw.js';
import { RawBuckets } from '../../../src/series/buckets.js';
import { readChunkHeader } from '../../../src/series/codec/chunk-format.js';
import { assertSameBits, fromBits, series, SPECIALS } from './arbitraries.js';

function encode(windowStart: number, step: number, ts: readonly number[], vs: readonly number[]): RawChunkEncoder {
  const enc = new RawChunkEncoder(windowStart, step);
  for (let i = 0; i < ts.length; i++) enc.append(ts[i], vs[i]);
  return enc;
}

function assertDecodes(data: Uint8Array, ts: readonly number[], vs: readonly number[]): void {
  const d = decodeRaw(data);
  assert.equal(d.count, ts.length);
  assertSameBits(d.timestamps, ts, 'timestamps');
  assertSameBits(d.values, vs, 'values');
}

test('every series round-trips bit for bit', () => {
  fc.assert(
    fc.property(series, ({ windowStart, step, timestamps, values }) => {
      const enc = encode(windowStart, step, timestamps, values);
      assert.equal(enc.count, timestamps.length);
      assert.equal(enc.lastTimestamp, timestamps[timestamps.length - 1]);
      assertDecodes(enc.finish(), timestamps, values);
    }),
    { numRuns: 400 },
  );
});

test('decodeOwnInto reads the live encoder bit for bit, at any point of its life, at an offset', () => {
  fc.assert(
    fc.property(series, fc.integer({ min: 0, max: 1000 }), ({ windowStart, step, timestamps, values }, cutAt) => {
      const cut = cutAt % (timestamps.length + 1);
      const enc = encode(windowStart, step, timestamps.slice(0, cut), values.slice(0, cut));
      const read = (at: number) => {
        const ts = new Float64Array(at + enc.count);
        const vs = new Float64Array(at + enc.count);
        assert.equal(enc.decodeOwnInto(ts, vs, at), enc.count);
        return { ts: ts.subarray(at), vs: vs.subarray(at) };
      };
      const early = read(3);
      assertSameBits(early.ts, timestamps.slice(0, cut), 'timestamps');
      assertSameBits(early.vs, values.slice(0, cut), 'values');
      for (let i = cut; i < timestamps.length; i++) enc.append(timestamps[i], values[i]);
      const all = read(0);
      assertSameBits(all.ts, timestamps, 'timestamps');
      assertSameBits(all.vs, values, 'values');
      assert.throws(() => enc.decodeOwnInto(new Float64Array(enc.count - 1), new Float64Array(enc.count)), RangeError);
    }),
    { numRuns: 400 },
  );
});

/** Buckets over the points as a read makes them: each point inside overwrites its bucket, the last one winning. */
function expectedBuckets(ts: readonly number[], vs: readonly number[], start: number, step: number, length: number): Float64Array {
  const out = new Float64Array(length).fill(-1.25);
  for (let k = 0; k < ts.length; k++) {
    const i = (ts[k] - start) / step;
    if (i >= 0 && i < length && Number.isInteger(i)) out[i] = vs[k];
  }
  return out;
}

test('decodeRawOver and decodeOwnOver write the points over dense buckets: inside, partly outside, irregular, repeated', () => {
  fc.assert(
    fc.property(series, fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: -3, max: 3 }), ({ windowStart, step, timestamps, values }, shift, unaligned, extra) => {
      // buckets on the series' step, starting around its first point, a step apart or not
      const start = timestamps[0] + shift * step + (unaligned === 0 ? Math.min(1, step - 1) : 0);
      const length = Math.max(0, timestamps.length + extra);
      const enc = encode(windowStart, step, timestamps, values);
      const expected = expectedBuckets(timestamps, values, start, step, length);
      const fromChunk = new RawBuckets(start, step, length);
      fromChunk.values.fill(-1.25);
      decodeRawOver(enc.finish(), fromChunk);
      assertSameBits(fromChunk.values, expected, 'decodeRawOver');
      const fromLive = new RawBuckets(start, step, length);
      fromLive.values.fill(-1.25);
      enc.decodeOwnOver(fromLive);
      assertSameBits(fromLive.values, expected, 'decodeOwnOver');
    }),
    { numRuns: 600 },
  );
});

test('decodeRawOver: points whose first and last are n - 1 steps apart, but with a repeat and a gap, are not taken for a regular chunk', () => {
  const ts = [1795140000, 1795140000, 1795140020, 1795140030];
  const vs = [1.5, 2.5, 3.5, 4.5];
  for (const start of [1795140000, 1795139990]) {
    const dst = new RawBuckets(start, 10, 6);
    dst.values.fill(-1.25);
    decodeRawOver(encode(1795140000, 10, ts, vs).finish(), dst);
    assertSameBits(dst.values, expectedBuckets(ts, vs, start, 10, 6), `buckets from ${start}`);
  }
  // and a regular one next to it still reads right
  const regular = [1795140010, 1795140020, 1795140030, 1795140040];
  const dst = new RawBuckets(1795140000, 10, 6);
  dst.values.fill(-1.25);
  decodeRawOver(encode(1795140000, 10, regular, vs).finish(), dst);
  assertSameBits(dst.values, expectedBuckets(regular, vs, 1795140000, 10, 6), 'regular');
});

test('finish() leaves the encoder usable: more appends, then finish() again', () => {
  fc.assert(
    fc.property(series, fc.integer({ min: 0, max: 1000 }), ({ windowStart, step, timestamps, values }, cutAt) => {
      const cut = cutAt % (timestamps.length + 1);
      const enc = encode(windowStart, step, timestamps.slice(0, cut), values.slice(0, cut));
      const early = enc.finish();
      for (let i = cut; i < timestamps.length; i++) enc.append(timestamps[i], values[i]);
      assertDecodes(early, timestamps.slice(0, cut), values.slice(0, cut));
      assertDecodes(enc.finish(), timestamps, values);
    }),
    { numRuns: 300 },
  );
});

test('resume() continues a finished chunk exactly as if it had never stopped', () => {
  fc.assert(
    fc.property(series, fc.integer({ min: 0, max: 1000 }), ({ windowStart, step, timestamps, values }, cutAt) => {
      const cut = cutAt % (timestamps.length + 1);
      const resumed = RawChunkEncoder.resume(encode(windowStart, step, timestamps.slice(0, cut), values.slice(0, cut)).finish());
      assert.equal(resumed.count, cut);
      for (let i = cut; i < timestamps.length; i++) resumed.append(timestamps[i], values[i]);
      const whole = encode(windowStart, step, timestamps, values).finish();
      assert.deepEqual(resumed.finish(), whole);
      assertDecodes(whole, timestamps, values);
    }),
    { numRuns: 200 },
  );
});

test('special values round-trip alone, among decimals and among arbitrary doubles', () => {
  const contexts: Array<(v: number, i: number) => number> = [
    (v) => v,
    (v, i) => (i % 5 === 2 ? v : Math.round(i * 137.31) / 100),
    (v, i) => (i % 5 === 2 ? v : Math.sin(i) * 1e10),
  ];
  for (const special of SPECIALS) {
    for (const context of contexts) {
      const vs = Array.from({ length: 50 }, (_, i) => context(special, i));
      const ts = vs.map((_, i) => 1000 + 10 * i);
      assertDecodes(encode(1000, 10, ts, vs).finish(), ts, vs);
    }
  }
});

test('NaN payloads and signalling NaNs keep every bit, in both value schemes', () => {
  const nans = [0x7ff0000000000001n, 0x7ff4000000000000n, 0xfff0000000000005n, 0x7ff8000000000001n, 0xfff8000000000000n].map(fromBits);
  // a few NaNs among decimals stay exceptions of the decimal scheme; many force the XOR scheme
  for (const every of [50, 1]) {
    const vs = Array.from({ length: 200 }, (_, i) => (i % every === 0 ? nans[i % nans.length] : i / 4));
    const ts = vs.map((_, i) => i);
    for (let round = 0; round < 3; round++) assertDecodes(encode(0, 1, ts, vs).finish(), ts, vs);
  }
});

test('repeated timestamps, unaligned timestamps and huge gaps round-trip', () => {
  const ws = 1795140000;
  const ts = [ws, ws, ws, ws + 10, ws + 13, ws + 13, ws + 20, ws + 2 ** 40, ws + 2 ** 40, ws + 2 ** 49];
  const vs = ts.map((_, i) => i * 1.5);
  assertDecodes(encode(ws, 10, ts, vs).finish(), ts, vs);
});

test('regular, flat and decimal data compress far below 8 bytes per point', () => {
  const ws = 1795140000;
  const ts = Array.from({ length: 720 }, (_, i) => ws + 10 * i);
  let walk = 1000;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const cases: Array<[string, number[], number]> = [
    ['constant', ts.map(() => 42.5), 0.1],
    ['ramp', ts.map((_, i) => 4096 * i), 0.1],
    ['2-decimal walk', ts.map(() => (walk = Math.round((walk + rnd() * 2 - 1) * 100) / 100)), 1.5],
    ['3-decimal noise', ts.map(() => Math.round(rnd() * 100000) / 1000), 2.5],
  ];
  for (const [name, vs, limit] of cases) {
    const data = encode(ws, 10, ts, vs).finish();
    assertDecodes(data, ts, vs);
    assert.ok(data.length / ts.length < limit, `${name}: ${data.length / ts.length} bytes/point, expected under ${limit}`);
  }
});

test('the header tells count, step, window start and first/last timestamp', () => {
  const enc = new RawChunkEncoder(7200, 60);
  assert.ok(Number.isNaN(enc.lastTimestamp));
  assert.ok(Number.isNaN(enc.firstTimestamp));
  const empty = enc.finish();
  assert.deepEqual(readChunkHeader(empty), { version: 1, encoding: 1, step: 60, windowStart: 7200, count: 0, firstTimestamp: NaN, lastTimestamp: NaN });
  assert.equal(decodeRaw(empty).count, 0);
  for (const t of [7260, 7320, 9000]) enc.append(t, t / 7);
  const h = readChunkHeader(enc.finish());
  assert.deepEqual([h.count, h.step, h.windowStart, h.firstTimestamp, h.lastTimestamp], [3, 60, 7200, 7260, 9000]);
  assert.equal(RawChunkEncoder.resume(empty).count, 0);
});

test('decodeRawInto writes at an offset into caller arrays and refuses arrays too short', () => {
  const data = encode(0, 1, [1, 2, 3], [0.5, -0, NaN]).finish();
  const ts = new Float64Array(6).fill(-1);
  const vs = new Float64Array(6).fill(-1);
  assert.equal(decodeRawInto(data, ts, vs, 2), 3);
  assertSameBits(ts, [-1, -1, 1, 2, 3, -1], 'timestamps');
  assertSameBits(vs, [-1, -1, 0.5, -0, NaN, -1], 'values');
  assert.throws(() => decodeRawInto(data, ts, vs, 4), RangeError);
});

test('byteLength follows the data held, with bounded slack', () => {
  const enc = new RawChunkEncoder(0, 1);
  const before = enc.byteLength;
  assert.ok(before >= 0 && before <= 64, `${before} bytes for an empty encoder`);
  for (let i = 0; i < 5000; i++) enc.append(i, Math.sin(i));
  const encoded = enc.finish().length;
  assert.ok(enc.byteLength >= encoded - 64, `${enc.byteLength} bytes held for ${encoded} encoded`);
  assert.ok(enc.byteLength <= 2 * encoded, `${enc.byteLength} bytes held for ${encoded} encoded`);
});

test('bad windows and timestamps are refused with a clear error', () => {
  assert.throws(() => new RawChunkEncoder(0, 0), /step must be a positive integer/);
  assert.throws(() => new RawChunkEncoder(0, 1.5), /step must be a positive integer/);
  assert.throws(() => new RawChunkEncoder(NaN, 10), /windowStart must be a safe integer/);
  const enc = new RawChunkEncoder(1000, 10);
  assert.throws(() => enc.append(990, 1), /before the chunk window start 1000/);
  assert.throws(() => enc.append(1000.5, 1), /not an integer/);
  assert.throws(() => enc.append(NaN, 1), /not an integer/);
  assert.throws(() => enc.append(1000 + 2 ** 50, 1), /too far/);
  enc.append(1010, 1);
  assert.throws(() => enc.append(1000, 1), /before the previous one \(1010\)/);
  // a refused append leaves the chunk as it was
  assertDecodes(enc.finish(), [1010], [1]);
});
