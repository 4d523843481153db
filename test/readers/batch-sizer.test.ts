import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_MS, BatchSizer, FIRST_MS_PER_POINT, heldMs, MAX_BATCH_WEIGHT, SERIES_WEIGHT } from '../../src/readers/batch-sizer.js';

function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= expected * 1e-9, `${actual} is not ${expected}`);
}

/** the batches `sizer` cuts `weights` into, in order */
function batches(sizer: BatchSizer, weights: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < weights.length; k += out[out.length - 1]) out.push(sizer.next(weights, k));
  return out;
}

/** a sizer whose first guess is faster than any measurement below: each first measurement counts whole */
const measuredFromScratch = () => new BatchSizer(1e-7);

test('a batch holds as many series as fit in BATCH_MS at the measured cost, at least one', () => {
  const sizer = measuredFromScratch();
  // measured: 10,000 weight in BATCH_MS / 10, so 100,000 fit in a batch
  sizer.took(10_000, BATCH_MS / 10);
  sizer.took(10_000, BATCH_MS / 10);
  near(sizer.costPerPoint, BATCH_MS / 100_000);
  assert.deepEqual(batches(sizer, Array(25).fill(9_999)), [10, 10, 5]);
  // a series heavier than a whole batch is read alone
  assert.deepEqual(batches(sizer, [250_000, 10_000, 250_000]), [1, 1, 1]);
  assert.deepEqual(batches(sizer, [60_000, 39_000, 2_000]), [2, 1]);
});

test('a slower batch counts at once, a faster one half, within bounds', () => {
  const sizer = measuredFromScratch();
  sizer.took(1000, 1000 * 2e-4);
  near(sizer.costPerPoint, 2e-4);
  sizer.took(1000, 1000 * 1e-4);
  near(sizer.costPerPoint, 1.5e-4);
  sizer.took(1000, 1000 * 3e-4);
  near(sizer.costPerPoint, 3e-4);
  // a batch that took no time (all of it cached) cannot make batches unbounded
  for (let i = 0; i < 100; i++) sizer.took(1000, 0);
  assert.ok(sizer.costPerPoint > 0);
  // however fast, a batch allocates at most MAX_BATCH_WEIGHT
  assert.deepEqual(batches(sizer, Array(4).fill(MAX_BATCH_WEIGHT / 2)), [2, 2]);
  // nothing measured: no change
  const before = sizer.costPerPoint;
  sizer.took(0, 5);
  sizer.took(1000, NaN);
  assert.equal(sizer.costPerPoint, before);
});

test('a series weighs its points and a fixed cost', () => {
  assert.equal(BatchSizer.weight(0), SERIES_WEIGHT);
  assert.equal(BatchSizer.weight(1080), 1080 + SERIES_WEIGHT);
});

test('before any measurement a batch is sized for cold code: a tenth of a ms per 400 points', () => {
  const sizer = new BatchSizer();
  assert.equal(sizer.costPerPoint, FIRST_MS_PER_POINT);
  // day-long series at 10 s (8,640 points each): the first batch holds 3 of them (18 at a warm 50 ns a point)
  const dayLong = BatchSizer.weight(8_640);
  assert.equal(sizer.next(Array(50).fill(dayLong), 0), Math.floor(BATCH_MS / FIRST_MS_PER_POINT / dayLong));
  assert.equal(sizer.next(Array(50).fill(dayLong), 0), 3);
  // a warm, fast batch lets the next ones grow
  sizer.took(dayLong * 3, dayLong * 3 * 50e-6);
  assert.ok(sizer.next(Array(50).fill(dayLong), 0) > 3);
});

test('a batch holds the loop for its synchronous work, not while it waits for a store', async () => {
  // waiting: the loop is idle for the round trip, unless other work of this process ran on it
  // meanwhile (the test runner's own), so the quietest of a few waits is the one compared
  let quietest = { waited: 0, held: Infinity };
  for (let i = 0; i < 5 && quietest.held >= quietest.waited / 2; i++) {
    const startedAt = performance.now();
    const before = performance.eventLoopUtilization();
    await sleep(40);
    const waited = performance.now() - startedAt;
    const held = heldMs(startedAt, before);
    assert.ok(held <= waited + 1e-9, `held ${held} ms of a ${waited} ms batch`);
    if (held < quietest.held) quietest = { waited, held };
  }
  assert.ok(quietest.held < quietest.waited / 2, `a batch that waited ${quietest.waited} ms held the loop ${quietest.held} ms`);

  // working: every moment of it holds the loop
  const startedAt = performance.now();
  const before = performance.eventLoopUtilization();
  let x = 0;
  while (performance.now() - startedAt < 20) x++;
  const worked = performance.now() - startedAt;
  const heldWorking = heldMs(startedAt, before);
  assert.ok(x > 0);
  assert.ok(heldWorking >= worked * 0.99 && heldWorking <= performance.now() - startedAt, `a batch that worked ${worked} ms held the loop ${heldWorking} ms`);
});
