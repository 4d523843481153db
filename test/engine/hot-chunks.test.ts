import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RawBuckets } from '../../src/series/buckets.js';
import { RawHotChunk } from '../../src/engine/hot/hot-chunks.js';

const START = 1795305600;
const STEP = 10;
const SLOTS = 720;

/** writes: slot in the window and value; mostly in order, with resends, out-of-order and far-back overwrites */
const writes = fc.array(
  fc.tuple(
    fc.oneof(fc.nat({ max: SLOTS - 1 }), fc.constant(-1), fc.constant(-2)),
    fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100)),
  ),
  { maxLength: 400 },
);

test('a hot chunk holds the last value written to each bucket, in any order of writes', () => {
  fc.assert(
    fc.property(writes, (ws) => {
      const chunk = new RawHotChunk(START, START + SLOTS * STEP, STEP, 1);
      const model = new Map<number, number>();
      let next = 0;
      for (const [slot, v] of ws) {
        // -1: the next bucket in order, -2: the same bucket again (carbon's resend)
        const s = slot === -1 ? Math.min(next++, SLOTS - 1) : slot === -2 ? Math.max(0, next - 1) : slot;
        const t = START + s * STEP;
        chunk.write(t, v);
        model.set(t, v);
      }
      const times = [...model.keys()].sort((a, b) => a - b);
      const { times: got, values } = chunk.points();
      assert.deepEqual(got, times);
      assert.deepEqual(values.map((v) => Object.is(v, -0) ? '-0' : v), times.map((t) => (Object.is(model.get(t), -0) ? '-0' : model.get(t))));
      assert.equal(chunk.isEmpty, times.length === 0);
      assert.equal(chunk.minTime, times.length ? times[0] : Infinity);
      const buckets = new RawBuckets(START, STEP, SLOTS);
      chunk.overlay(buckets);
      for (let i = 0; i < SLOTS; i++) {
        const want = model.get(START + i * STEP);
        assert.ok(want === undefined ? Number.isNaN(buckets.values[i]) : Object.is(buckets.values[i], want), `bucket ${i}`);
      }
    }),
    { numRuns: 300 },
  );
});

test('many out-of-order overwrites (the encoder is rebuilt) keep every bucket', () => {
  const chunk = new RawHotChunk(START, START + SLOTS * STEP, STEP, 1);
  for (let i = 0; i < 300; i++) chunk.write(START + i * STEP, i);
  for (let i = 0; i < 200; i++) chunk.write(START + ((i * 7) % 299) * STEP, -i);
  const want = new Map<number, number>();
  for (let i = 0; i < 300; i++) want.set(START + i * STEP, i);
  for (let i = 0; i < 200; i++) want.set(START + ((i * 7) % 299) * STEP, -i);
  const { times, values } = chunk.points();
  assert.equal(times.length, 300);
  times.forEach((t, k) => assert.equal(values[k], want.get(t)));
  assert.equal(chunk.maxTime, START + 299 * STEP);
});

test('detached, a chunk keeps its decoded points; a write forgets them', () => {
  const chunk = new RawHotChunk(START, START + SLOTS * STEP, STEP, 1);
  chunk.write(START, 1);
  chunk.write(START + STEP, 2);
  assert.notEqual(chunk.points(), chunk.points());
  chunk.detach();
  assert.equal(chunk.points(), chunk.points());
  chunk.write(START + 2 * STEP, 3);
  assert.deepEqual(chunk.points().values, [1, 2, 3]);
  assert.notEqual(chunk.points(), chunk.points());
});
