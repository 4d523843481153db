import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawBuckets, RollupBuckets, rollUpRaw, rollUpRecords, xFilesThreshold } from '../../src/series/buckets.js';

/** 10 finer buckets of 60 s under one 600 s bucket, `known` of them holding a value */
function raw(known: number): RawBuckets {
  const src = new RawBuckets(0, 60, 10);
  for (let i = 0; i < known; i++) src.values[i] = i + 1;
  return src;
}

function records(known: number): RollupBuckets {
  const src = new RollupBuckets(0, 60, 10);
  for (let i = 0; i < known; i++) src.set(i, i + 1, i + 1, i + 1, i + 1, 1);
  return src;
}

test("xFilesFactor is compared as whisper stores it, a 32-bit float: 6 of 10 do not pass 0.6, 7 do", () => {
  for (const [roll, src] of [
    ['raw', (k: number) => (dst: RollupBuckets, x: number) => rollUpRaw(raw(k), dst, [0], x)],
    ['records', (k: number) => (dst: RollupBuckets, x: number) => rollUpRecords(records(k), dst, [0], x)],
  ] as const) {
    const at = (known: number, xff: number) => {
      const dst = new RollupBuckets(0, 600, 1);
      const set = src(known)(dst, xff);
      assert.equal(set, dst.has(0) ? 1 : 0);
      return dst.has(0);
    };
    assert.equal(at(6, 0.6), false, `${roll}: 0.6 < float32(0.6)`);
    assert.equal(at(7, 0.6), true, roll);
    // float32(0.5) is 0.5 exactly, float32(0.7) is just under 0.7: both pass at the fraction itself
    assert.equal(at(5, 0.5), true, roll);
    assert.equal(at(7, 0.7), true, roll);
    assert.equal(at(6, 0.7), false, roll);
    // at least one known bucket, whatever the factor
    assert.equal(at(0, 0), false, roll);
    assert.equal(at(1, 0), true, roll);
  }
});

test('the threshold is the float32 value of the factor', () => {
  assert.equal(xFilesThreshold(0.6), 0.6000000238418579);
  assert.equal(xFilesThreshold(0.5), 0.5);
  assert.equal(xFilesThreshold(0), 0);
  assert.equal(xFilesThreshold(1), 1);
});

test('a rolled-up record holds sum, min, max, last and count of the known finer values', () => {
  const dst = new RollupBuckets(0, 600, 1);
  const src = new RawBuckets(0, 60, 10);
  src.values.set([4, NaN, 2, 9, NaN, NaN, 3, NaN, NaN, NaN]);
  assert.equal(rollUpRaw(src, dst, [0], 0), 1);
  assert.deepEqual(dst.record(0), { sum: 18, min: 2, max: 9, last: 3, count: 4 });
  const coarser = new RollupBuckets(0, 1200, 1);
  const two = new RollupBuckets(0, 600, 2);
  two.set(0, 18, 2, 9, 3, 4);
  two.set(1, 5, 5, 5, 5, 1);
  assert.equal(rollUpRecords(two, coarser, [0], 0), 1);
  assert.deepEqual(coarser.record(0), { sum: 23, min: 2, max: 9, last: 5, count: 5 });
});
