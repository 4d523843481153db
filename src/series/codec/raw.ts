import { ByteWriter } from './bytes.js';
import { appendChecksum, checkWindow, closeChunk, MAX_CHUNK_POINTS, openChunk, RAW_ENCODING, timestampError, writeHeader } from './chunk-format.js';
import { MAX_STREAM_INT } from './int-stream.js';
import { decodeTimestampColumn, TimestampColumnEncoder } from './timestamp-column.js';
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

function decodeRawChunk(data: Uint8Array) {
  const { header, input } = openChunk(data, RAW_ENCODING, 'raw');
  const timestamps = new Float64Array(header.count);
  const values = new Float64Array(header.count);
  decodeTimestampColumn(input, header.count, header.windowStart, timestamps, 0);
  decodeValueColumn(input, header.count, values, 0, 'values');
  closeChunk(input, 'raw');
  return { header, timestamps, values };
}
