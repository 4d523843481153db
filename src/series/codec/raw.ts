import { ByteWriter } from './bytes.js';
import { checkWindow, closeChunk, MAX_CHUNK_POINTS, openChunk, RAW_ENCODING, seal, timestampError, writeHeader } from './chunk-format.js';
import { MAX_STREAM_INT } from './int-stream.js';
import { decodeTimestampColumn, TimestampColumnEncoder } from './timestamp-column.js';
import { decodeValueColumn, ValueColumnEncoder } from './value-column.js';

/**
 * Heap bytes of a raw encoder's own objects, beside its buffers (byteLength). Measured on Node 20
 * (x64): about 560. Each stream's first 64 bits live in the objects (a regular series'
 * timestamps never need more); past them a stream's typed array costs about 200 bytes before
 * its data, counted in byteLength.
 */
export const RAW_ENCODER_OVERHEAD = 560;

/**
 * A raw chunk: one float64 per timestamp. Timestamps are integers, non-decreasing, at or after
 * windowStart (step-aligned ones are cheapest); values are any float64 and round-trip bit for
 * bit (NaN, -0, infinities, subnormals included).
 */
export class RawChunkEncoder {
  private readonly times: TimestampColumnEncoder;
  private readonly values = new ValueColumnEncoder();
  private first = NaN;
  /** the last timestamp, or windowStart while empty (the floor for the next one) */
  private floor: number;

  constructor(
    readonly windowStart: number,
    readonly step: number,
  ) {
    checkWindow(windowStart, step);
    this.times = new TimestampColumnEncoder(step);
    this.floor = windowStart;
  }

  get count(): number {
    return this.times.count;
  }

  /** NaN when empty */
  get firstTimestamp(): number {
    return this.first;
  }

  /** NaN when empty */
  get lastTimestamp(): number {
    return this.times.count === 0 ? NaN : this.floor;
  }

  /**
   * Bytes held now by the columns' buffers (capacity, grown by half when full). The encoder's
   * own objects add about RAW_ENCODER_OVERHEAD more, whatever the data.
   */
  get byteLength(): number {
    return this.times.byteCapacity + this.values.byteCapacity;
  }

  append(ts: number, value: number): void {
    const offset = ts - this.windowStart;
    if (!(ts >= this.floor && offset <= MAX_STREAM_INT && Number.isInteger(ts) && this.times.count < MAX_CHUNK_POINTS)) {
      throw timestampError(ts, this.windowStart, this.lastTimestamp, this.times.count);
    }
    if (this.times.count === 0) this.first = ts;
    this.times.append(offset);
    this.values.append(value);
    this.floor = ts;
  }

  /** A self-describing copy of the chunk so far; the encoder stays usable. */
  finish(): Uint8Array {
    const out = new ByteWriter(32 + this.byteLength);
    writeHeader(out, RAW_ENCODING, this.step, this.windowStart, this.count, this.first, this.floor);
    this.times.writeTo(out);
    this.values.writeTo(out);
    return seal(out);
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
