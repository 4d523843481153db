import type { RollupRecord } from '../types.js';
import { ByteWriter } from './bytes.js';
import { checkWindow, closeChunk, MAX_CHUNK_POINTS, openChunk, readChunkHeader, ROLLUP_ENCODING, seal, timestampError, writeHeader } from './chunk-format.js';
import { MAX_STREAM_INT } from './int-stream.js';
import { decodeTimestampColumn, TimestampColumnEncoder } from './timestamp-column.js';
import { decodeValueColumn, ValueColumnEncoder } from './value-column.js';

/** Heap bytes of a rollup encoder's own objects, beside its buffers (byteLength): six streams. Measured on Node 20 (x64): about 1790. */
export const ROLLUP_ENCODER_OVERHEAD = 1790;

/**
 * A rollup chunk: per bucket the five fields of a RollupRecord, each its own column (so each
 * picks its own scheme: counts are integers, sums rarely short decimals), sharing one
 * timestamp column. Same rules as the raw chunk otherwise.
 */
export class RollupChunkEncoder {
  private readonly times: TimestampColumnEncoder;
  private readonly sum = new ValueColumnEncoder();
  private readonly min = new ValueColumnEncoder();
  private readonly max = new ValueColumnEncoder();
  private readonly last = new ValueColumnEncoder();
  private readonly cnt = new ValueColumnEncoder();
  /** the first timestamp (meaningless while empty; a number, never NaN, so it is stored inline) */
  private first = 0;
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

  get firstTimestamp(): number {
    return this.times.count === 0 ? NaN : this.first;
  }

  get lastTimestamp(): number {
    return this.times.count === 0 ? NaN : this.floor;
  }

  /** Bytes held now by the columns' buffers; the encoder's own objects add about ROLLUP_ENCODER_OVERHEAD. */
  get byteLength(): number {
    return (
      this.times.byteCapacity +
      this.sum.byteCapacity +
      this.min.byteCapacity +
      this.max.byteCapacity +
      this.last.byteCapacity +
      this.cnt.byteCapacity
    );
  }

  append(ts: number, rec: RollupRecord): void {
    const offset = ts - this.windowStart;
    if (!(ts >= this.floor && offset <= MAX_STREAM_INT && Number.isInteger(ts) && this.times.count < MAX_CHUNK_POINTS)) {
      throw timestampError(ts, this.windowStart, this.lastTimestamp, this.times.count);
    }
    if (this.times.count === 0) this.first = ts;
    this.times.append(offset);
    this.sum.append(rec.sum);
    this.min.append(rec.min);
    this.max.append(rec.max);
    this.last.append(rec.last);
    this.cnt.append(rec.count);
    this.floor = ts;
  }

  finish(): Uint8Array {
    const out = new ByteWriter(48 + this.byteLength);
    writeHeader(out, ROLLUP_ENCODING, this.step, this.windowStart, this.count, this.first, this.floor);
    this.times.writeTo(out);
    this.sum.writeTo(out);
    this.min.writeTo(out);
    this.max.writeTo(out);
    this.last.writeTo(out);
    this.cnt.writeTo(out);
    return seal(out);
  }

  static resume(data: Uint8Array): RollupChunkEncoder {
    const d = decodeRollup(data);
    const header = readChunkHeader(data);
    const encoder = new RollupChunkEncoder(header.windowStart, header.step);
    for (let i = 0; i < d.count; i++) {
      encoder.append(d.timestamps[i], { sum: d.sum[i], min: d.min[i], max: d.max[i], last: d.last[i], count: d.cnt[i] });
    }
    return encoder;
  }
}

export interface DecodedRollup {
  count: number;
  timestamps: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
  cnt: Float64Array;
}

export function decodeRollup(data: Uint8Array): DecodedRollup {
  const { header, input } = openChunk(data, ROLLUP_ENCODING, 'rollup');
  const n = header.count;
  const d: DecodedRollup = {
    count: n,
    timestamps: new Float64Array(n),
    sum: new Float64Array(n),
    min: new Float64Array(n),
    max: new Float64Array(n),
    last: new Float64Array(n),
    cnt: new Float64Array(n),
  };
  decodeTimestampColumn(input, n, header.windowStart, d.timestamps, 0);
  decodeValueColumn(input, n, d.sum, 0, 'sum');
  decodeValueColumn(input, n, d.min, 0, 'min');
  decodeValueColumn(input, n, d.max, 0, 'max');
  decodeValueColumn(input, n, d.last, 0, 'last');
  decodeValueColumn(input, n, d.cnt, 0, 'count');
  closeChunk(input, 'rollup');
  return d;
}
