import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeRollup, RollupChunkEncoder } from '../../../src/series/codec/rollup.js';
import { readChunkHeader } from '../../../src/series/codec/chunk-format.js';
import type { RollupRecord } from '../../../src/series/types.js';
import { assertSameBits, timeAxis, values } from './arbitraries.js';

/** Buckets whose five fields come from five independent value sequences (so each column takes its own scheme). */
const buckets = fc
  .tuple(values, values, values, values, fc.array(fc.integer({ min: 0, max: 3600 }), { minLength: 1, maxLength: 400, size: 'max' }))
  .chain(([sum, min, max, last, counts]) => {
    const n = Math.min(sum.length, min.length, max.length, last.length);
    const records: RollupRecord[] = Array.from({ length: n }, (_, i) => ({ sum: sum[i], min: min[i], max: max[i], last: last[i], count: counts[i % counts.length] }));
    return timeAxis(n).map((axis) => ({ ...axis, records }));
  });

function encode(windowStart: number, step: number, ts: readonly number[], recs: readonly RollupRecord[]): RollupChunkEncoder {
  const enc = new RollupChunkEncoder(windowStart, step);
  for (let i = 0; i < ts.length; i++) enc.append(ts[i], recs[i]);
  return enc;
}

function assertDecodes(data: Uint8Array, ts: readonly number[], recs: readonly RollupRecord[]): void {
  const d = decodeRollup(data);
  assert.equal(d.count, ts.length);
  assertSameBits(d.timestamps, ts, 'timestamps');
  assertSameBits(d.sum, recs.map((r) => r.sum), 'sum');
  assertSameBits(d.min, recs.map((r) => r.min), 'min');
  assertSameBits(d.max, recs.map((r) => r.max), 'max');
  assertSameBits(d.last, recs.map((r) => r.last), 'last');
  assertSameBits(d.cnt, recs.map((r) => r.count), 'count');
}

test('every rollup chunk round-trips bit for bit', () => {
  fc.assert(
    fc.property(buckets, ({ windowStart, step, timestamps, records }) => {
      const enc = encode(windowStart, step, timestamps, records);
      assert.equal(enc.count, timestamps.length);
      assert.equal(enc.lastTimestamp, timestamps[timestamps.length - 1]);
      assertDecodes(enc.finish(), timestamps, records);
    }),
    { numRuns: 150 },
  );
});

test('rollup finish() then more appends, and resume(), continue the same chunk', () => {
  fc.assert(
    fc.property(buckets, fc.integer({ min: 0, max: 1000 }), ({ windowStart, step, timestamps, records }, cutAt) => {
      const cut = cutAt % (timestamps.length + 1);
      const enc = encode(windowStart, step, timestamps.slice(0, cut), records.slice(0, cut));
      const early = enc.finish();
      const resumed = RollupChunkEncoder.resume(early);
      for (let i = cut; i < timestamps.length; i++) {
        enc.append(timestamps[i], records[i]);
        resumed.append(timestamps[i], records[i]);
      }
      assertDecodes(early, timestamps.slice(0, cut), records.slice(0, cut));
      const whole = enc.finish();
      assertDecodes(whole, timestamps, records);
      assert.deepEqual(resumed.finish(), whole);
    }),
    { numRuns: 100 },
  );
});

test('a rollup header tells its encoding and extent', () => {
  const enc = new RollupChunkEncoder(86400, 600);
  enc.append(87000, { sum: 10, min: 1, max: 4, last: 4, count: 4 });
  enc.append(88200, { sum: 0.5, min: 0.5, max: 0.5, last: 0.5, count: 1 });
  const h = readChunkHeader(enc.finish());
  assert.deepEqual([h.encoding, h.count, h.step, h.windowStart, h.firstTimestamp, h.lastTimestamp], [2, 2, 600, 86400, 87000, 88200]);
  assert.throws(() => enc.append(87600, { sum: 1, min: 1, max: 1, last: 1, count: 1 }), /before the previous one/);
});

test('sums of decimals (off by a few units in the last place) stay cheap', () => {
  // 60 s buckets of a 2-decimal walk at 10 s: float sums such as 6004.290000000001
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let walk = 1000;
  const ts: number[] = [];
  const recs: RollupRecord[] = [];
  for (let b = 0; b < 720; b++) {
    const points = Array.from({ length: 6 }, () => (walk = Math.round((walk + rnd() * 2 - 1) * 100) / 100));
    const sum = points.reduce((a, v) => a + v, 0);
    ts.push(43200 + 60 * b);
    recs.push({ sum, min: Math.min(...points), max: Math.max(...points), last: points[5], count: 6 });
  }
  assert.ok(recs.some((r) => Math.round(r.sum * 100) / 100 !== r.sum), 'some sums carry rounding errors');
  const data = encode(43200, 60, ts, recs).finish();
  assertDecodes(data, ts, recs);
  assert.ok(data.length / ts.length < 6.5, `${data.length / ts.length} bytes per bucket`);
});
