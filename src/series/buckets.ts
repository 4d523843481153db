import type { AggregationMethod, RollupRecord } from './types.js';

/**
 * Dense, step-aligned buckets over [start, start + length * step): the working form in which
 * stored chunks, hot chunks and derived rollups are merged (a later source simply overwrites
 * an earlier one) and from which a read's values are taken.
 */
export class RawBuckets {
  readonly values: Float64Array;

  /** `values`: an array of `length` values to use (a request's pooled one); a new one without it */
  constructor(
    readonly start: number,
    readonly step: number,
    readonly length: number,
    values?: Float64Array,
  ) {
    this.values = (values ?? new Float64Array(length)).fill(NaN);
  }

  get end(): number {
    return this.start + this.length * this.step;
  }

  /** index of the bucket holding aligned time `t`, or -1 outside the range */
  indexOf(t: number): number {
    const i = (t - this.start) / this.step;
    return i >= 0 && i < this.length ? i : -1;
  }
}

/** Rollup buckets: five parallel columns; `count` is NaN where a bucket has no record. */
export class RollupBuckets {
  readonly sum: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly last: Float64Array;
  readonly count: Float64Array;

  constructor(
    readonly start: number,
    readonly step: number,
    readonly length: number,
  ) {
    // one allocation for the five columns
    const all = new Float64Array(length * 5);
    this.sum = all.subarray(0, length);
    this.min = all.subarray(length, 2 * length);
    this.max = all.subarray(2 * length, 3 * length);
    this.last = all.subarray(3 * length, 4 * length);
    this.count = all.subarray(4 * length).fill(NaN);
  }

  get end(): number {
    return this.start + this.length * this.step;
  }

  indexOf(t: number): number {
    const i = (t - this.start) / this.step;
    return i >= 0 && i < this.length ? i : -1;
  }

  has(i: number): boolean {
    return this.count[i] === this.count[i];
  }

  set(i: number, sum: number, min: number, max: number, last: number, count: number): void {
    this.sum[i] = sum;
    this.min[i] = min;
    this.max[i] = max;
    this.last[i] = last;
    this.count[i] = count;
  }

  record(i: number): RollupRecord | undefined {
    if (!this.has(i)) return undefined;
    return { sum: this.sum[i], min: this.min[i], max: this.max[i], last: this.last[i], count: this.count[i] };
  }
}

/**
 * The record a point written straight into a rollup resolution becomes (whisper overwrites the
 * slot with the value). For `count` series the value is already a count (e.g. an imported
 * whisper archive), so it is kept as the count and reads back unchanged, as whisper returns it.
 */
export function directRecord(value: number, method: AggregationMethod): RollupRecord {
  return { sum: value, min: value, max: value, last: value, count: method === 'count' ? value : 1 };
}

/**
 * The least fraction of known finer buckets a coarse bucket needs. whisper keeps the
 * xFilesFactor in its header as a 32-bit float and compares with that, so 6 of 10 buckets do
 * not pass a factor of 0.6 (float32 0.6 is 0.6000000238...).
 */
export function xFilesThreshold(xFilesFactor: number): number {
  return Math.fround(xFilesFactor);
}

/**
 * Computes the records of the coarse buckets `targets` (indexes into `dst`) from the finer raw
 * buckets of `src`, which must cover them. As whisper's propagation: a bucket gets a record
 * only when the fraction of finer buckets holding a value is at least `xFilesFactor` (as whisper
 * stores it, see xFilesThreshold), and there is at least one. Returns how many records were set.
 */
export function rollUpRaw(src: RawBuckets, dst: RollupBuckets, targets: Iterable<number>, xFilesFactor: number): number {
  const ratio = dst.step / src.step;
  const threshold = xFilesThreshold(xFilesFactor);
  let set = 0;
  for (const j of targets) {
    const from = (dst.start + j * dst.step - src.start) / src.step;
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let last = NaN;
    for (let i = from; i < from + ratio; i++) {
      const v = src.values[i];
      if (v !== v) continue;
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      last = v;
    }
    if (n === 0 || n / ratio < threshold) continue;
    dst.set(j, sum, min, max, last, n);
    set++;
  }
  return set;
}

/**
 * Combines finer rollup records into coarser ones: sums of sums and counts, min of mins, max of
 * maxes, the latest last. So every aggregation stays exactly what the raw points give. The
 * xFilesFactor applies to the fraction of finer buckets holding a record, as whisper's does
 * (see xFilesThreshold).
 */
export function rollUpRecords(src: RollupBuckets, dst: RollupBuckets, targets: Iterable<number>, xFilesFactor: number): number {
  const ratio = dst.step / src.step;
  const threshold = xFilesThreshold(xFilesFactor);
  let set = 0;
  for (const j of targets) {
    const from = (dst.start + j * dst.step - src.start) / src.step;
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let last = NaN;
    let count = 0;
    for (let i = from; i < from + ratio; i++) {
      const c = src.count[i];
      if (c !== c) continue;
      n++;
      sum += src.sum[i];
      if (src.min[i] < min) min = src.min[i];
      if (src.max[i] > max) max = src.max[i];
      last = src.last[i];
      count += c;
    }
    if (n === 0 || n / ratio < threshold) continue;
    dst.set(j, sum, min, max, last, count);
    set++;
  }
  return set;
}

/** The value of each rollup bucket under `method` (NaN where there is no record) into `out` from `offset`. */
export function rollupValues(src: RollupBuckets, method: AggregationMethod, out: Float64Array, offset = 0): void {
  const { count } = src;
  const column = method === 'sum' ? src.sum : method === 'min' ? src.min : method === 'max' ? src.max : method === 'last' ? src.last : method === 'count' ? count : null;
  for (let i = 0; i < src.length; i++) {
    const c = count[i];
    if (c !== c) out[offset + i] = NaN;
    else out[offset + i] = column === null ? src.sum[i] / c : column[i];
  }
}
