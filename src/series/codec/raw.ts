import type { RawBuckets } from '../buckets.js';
import { ByteWriter } from './bytes.js';
import { appendChecksum, checkWindow, closeChunk, MAX_CHUNK_POINTS, openChunk, RAW_ENCODING, timestampError, writeHeader } from './chunk-format.js';
import { MAX_STREAM_INT } from './int-stream.js';
import { decodeTimestampColumn, skipRegularColumn, TimestampColumnEncoder } from './timestamp-column.js';
import { decodeValueColumn, ValueColumnEncoder } from './value-column.js';

/**
 * Heap bytes of a raw encoder's own objects, beside its buffers (byteLength). Measured on Node 20
 * (x64): about 440 (the encoder, its two columns, the value column's integer stream). Each
 * stream's first 64 bits live in the objects and regular timestamps need no stream at all;
 * past them a stream's typed array costs about 200 bytes before its data, counted in byteLength.
 */
export const RAW_ENCODER_OVERHEAD = 440;

/** what an empty value column writes (every empty column writes the same bytes) */
const NO_VALUES = new ValueColumnEncoder();

/**
 * A raw chunk: one float64 per timestamp. Timestamps are integers, non-decreasing, at or after
 * windowStart (step-aligned ones are cheapest); values are any float64 and round-trip bit for
 * bit (NaN, -0, infinities, subnormals included).
 *
 * The columns are made at the first append, so an empty encoder is one small object (a hot
 * chunk extends it and is often created long before its second point).
 */
export class RawChunkEncoder {
  private times: TimestampColumnEncoder | null = null;
  private values: ValueColumnEncoder | null = null;
  /** the first timestamp (meaningless while empty; a number, never NaN, so it is stored inline) */
  private first = 0;
  /** the last timestamp, or windowStart while empty (the floor for the next one) */
  private floor: number;

  constructor(
    readonly windowStart: number,
    readonly step: number,
  ) {
    checkWindow(windowStart, step);
    this.floor = windowStart;
  }

  get count(): number {
    return this.times === null ? 0 : this.times.count;
  }

  /** NaN when empty */
  get firstTimestamp(): number {
    return this.times === null ? NaN : this.first;
  }

  /** NaN when empty */
  get lastTimestamp(): number {
    return this.times === null ? NaN : this.floor;
  }

  /**
   * Bytes held now by the columns' buffers (capacity, grown by half when full). The encoder's
   * own objects add about RAW_ENCODER_OVERHEAD more, whatever the data.
   */
  get byteLength(): number {
    return this.times === null ? 0 : this.times.byteCapacity + this.values!.byteCapacity;
  }

  append(ts: number, value: number): void {
    const offset = ts - this.windowStart;
    let times = this.times;
    if (!(ts >= this.floor && offset <= MAX_STREAM_INT && Number.isInteger(ts) && (times === null || times.count < MAX_CHUNK_POINTS))) {
      throw timestampError(ts, this.windowStart, this.lastTimestamp, this.count);
    }
    if (times === null) {
      times = this.times = new TimestampColumnEncoder(this.step);
      this.values = new ValueColumnEncoder();
      this.first = ts;
    }
    times.append(offset);
    this.values!.append(value);
    this.floor = ts;
  }

  /**
   * The points so far into timestamps/values from index `at`, read from the live columns: what
   * decoding finish() would give, without making (and checksumming) the chunk. Returns the count.
   */
  decodeOwnInto(timestamps: Float64Array, values: Float64Array, at = 0): number {
    const n = this.count;
    if (at < 0 || at + n > timestamps.length || at + n > values.length) {
      throw new RangeError(`decodeOwnInto: ${n} points do not fit at ${at} in arrays of ${timestamps.length} and ${values.length}`);
    }
    if (n === 0) return 0;
    this.times!.decodeOwn(this.windowStart, timestamps, at);
    this.values!.decodeOwn(values, at);
    return n;
  }

  /**
   * Writes the points so far over dense step-aligned buckets where they fall inside them (see
   * decodeRawOver), read from the live columns. A regular column whose points are `dst.step`
   * apart and inside `dst` decodes its values straight into place.
   */
  decodeOwnOver(dst: RawBuckets): void {
    const n = this.count;
    if (n === 0) return;
    const t0 = this.times!.firstIfEvery(this.windowStart, dst.step);
    const i0 = (t0 - dst.start) / dst.step;
    if (i0 >= 0 && i0 + n <= dst.length && Number.isInteger(i0)) {
      this.values!.decodeOwn(dst.values, i0);
      return;
    }
    const { times, values } = decodeScratch(n);
    this.decodeOwnInto(times, values);
    scatter(times, values, n, dst);
  }

  /** A self-describing copy of the chunk so far; the encoder stays usable. */
  finish(): Uint8Array {
    const out = new ByteWriter(32 + this.byteLength);
    this.finishInto(out);
    return out.result();
  }

  /** finish()'s bytes appended to `out`: many chunks into one buffer, with no allocation each. */
  finishInto(out: ByteWriter): void {
    const at = out.length;
    writeHeader(out, RAW_ENCODING, this.step, this.windowStart, this.count, this.first, this.floor);
    (this.times ?? new TimestampColumnEncoder(this.step)).writeTo(out);
    (this.values ?? NO_VALUES).writeTo(out);
    appendChecksum(out, at);
  }

  /** Empties the encoder (its window and step stay). */
  protected clear(): void {
    this.times = null;
    this.values = null;
    this.first = 0;
    this.floor = this.windowStart;
  }

  /** Re-opens a finished chunk for further appends. */
  static resume(data: Uint8Array): RawChunkEncoder {
    const { header, timestamps, values } = decodeRawChunk(data);
    const encoder = new RawChunkEncoder(header.windowStart, header.step);
    for (let i = 0; i < header.count; i++) encoder.append(timestamps[i], values[i]);
    return encoder;
  }
}

export interface DecodedRaw {
  count: number;
  timestamps: Float64Array;
  values: Float64Array;
}

export function decodeRaw(data: Uint8Array): DecodedRaw {
  const { header, timestamps, values } = decodeRawChunk(data);
  return { count: header.count, timestamps, values };
}

/**
 * Decodes into caller-owned arrays from index `at` (for merging chunks without copies);
 * returns the number of points written. Throws RangeError when the arrays are too short.
 */
export function decodeRawInto(data: Uint8Array, timestamps: Float64Array, values: Float64Array, at = 0): number {
  const { header, input } = openChunk(data, RAW_ENCODING, 'raw');
  const count = header.count;
  if (at < 0 || at + count > timestamps.length || at + count > values.length) {
    throw new RangeError(`decodeRawInto: ${count} points do not fit at ${at} in arrays of ${timestamps.length} and ${values.length}`);
  }
  decodeTimestampColumn(input, count, header.windowStart, timestamps, at);
  decodeValueColumn(input, count, values, at, 'values');
  closeChunk(input, 'raw');
  return count;
}

/**
 * Decodes a raw chunk over dense step-aligned buckets: each point inside [dst.start, dst.end)
 * overwrites its bucket, others are skipped. Points one step apart and all inside (a regular
 * series' chunk, the usual case) have their values decoded straight into place; otherwise they go
 * through decode space shared by every read (reads decode one at a time).
 */
export function decodeRawOver(data: Uint8Array, dst: RawBuckets): void {
  const { header, input } = openChunk(data, RAW_ENCODING, 'raw');
  const n = header.count;
  const step = dst.step;
  const first = header.firstTimestamp;
  const at = (first - dst.start) / step;
  if (n > 0 && header.lastTimestamp - first === (n - 1) * step && at >= 0 && at + n <= dst.length && Number.isInteger(at) && skipRegularColumn(input, first - header.windowStart, step, n)) {
    // timestamps first, first + step, ...: no need to decode them
    decodeValueColumn(input, n, dst.values, at, 'values');
    closeChunk(input, 'raw');
    return;
  }
  const { times, values } = decodeScratch(n);
  decodeTimestampColumn(input, n, header.windowStart, times, 0);
  const i0 = (times[0] - dst.start) / step;
  if (n > 0 && i0 >= 0 && i0 + n <= dst.length && Number.isInteger(i0) && everyStep(times, n, step)) {
    decodeValueColumn(input, n, dst.values, i0, 'values');
  } else {
    decodeValueColumn(input, n, values, 0, 'values');
    scatter(times, values, n, dst);
  }
  closeChunk(input, 'raw');
}

function everyStep(times: Float64Array, n: number, step: number): boolean {
  const t0 = times[0];
  for (let k = 1; k < n; k++) if (times[k] !== t0 + k * step) return false;
  return true;
}

/** Writes points (times, values)[0, n) into the buckets that hold them, skipping the others. */
export function scatter(times: Float64Array, values: Float64Array, n: number, dst: RawBuckets): void {
  const { start, step, length } = dst;
  const out = dst.values;
  for (let k = 0; k < n; k++) {
    const i = (times[k] - start) / step;
    if (i >= 0 && i < length) out[i] = values[k];
  }
}

let scratchTimes = new Float64Array(1024);
let scratchValues = new Float64Array(1024);
/** Decode space for n points, shared: decoding is synchronous, so one read uses it at a time. */
export function decodeScratch(n: number): { times: Float64Array; values: Float64Array } {
  if (scratchTimes.length < n) {
    scratchTimes = new Float64Array(n * 2);
    scratchValues = new Float64Array(n * 2);
  }
  return { times: scratchTimes, values: scratchValues };
}

function decodeRawChunk(data: Uint8Array) {
  const { header, input } = openChunk(data, RAW_ENCODING, 'raw');
  const timestamps = new Float64Array(header.count);
  const values = new Float64Array(header.count);
  decodeTimestampColumn(input, header.count, header.windowStart, timestamps, 0);
  decodeValueColumn(input, header.count, values, 0, 'values');
  closeChunk(input, 'raw');
  return { header, timestamps, values };
}
