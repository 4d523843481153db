import { RawBuckets, RollupBuckets } from '../../series/buckets.js';
import { RawChunkEncoder, decodeRaw, decodeRawInto as decodeRawColumns, decodeRawOver, decodeScratch, scatter, type DecodedRaw } from '../../series/codec/raw.js';
import { RollupChunkEncoder, decodeRollup } from '../../series/codec/rollup.js';
import { readChunkHeader } from '../../series/codec/chunk-format.js';
import { ByteWriter } from '../../series/codec/bytes.js';

/**
 * The engine's one door to the chunk codec: encoders for hot chunks, and chunk payloads read
 * into / written from dense buckets.
 */
export { ByteWriter, RawChunkEncoder, RollupChunkEncoder, decodeRaw, decodeRawColumns, decodeScratch, readChunkHeader, type DecodedRaw };

/** Writes the points of a raw chunk that fall inside `dst` over whatever `dst` holds there. */
export function decodeRawInto(data: Uint8Array, dst: RawBuckets): void {
  decodeRawOver(data, dst);
}

/** Writes decoded points that fall inside `dst` over whatever `dst` holds there. */
export function overlayDecoded({ count, timestamps, values }: DecodedRaw, dst: RawBuckets): void {
  scatter(timestamps, values, count, dst);
}

export function decodeRollupInto(data: Uint8Array, dst: RollupBuckets): void {
  const d = decodeRollup(data);
  const { start, step, length } = dst;
  for (let k = 0; k < d.count; k++) {
    const i = (d.timestamps[k] - start) / step;
    if (i >= 0 && i < length) dst.set(i, d.sum[k], d.min[k], d.max[k], d.last[k], d.cnt[k]);
  }
}

/** A raw chunk of every value held in `src`; null when there is none. */
export function encodeRawBuckets(src: RawBuckets, windowStart: number): Uint8Array | null {
  const enc = new RawChunkEncoder(windowStart, src.step);
  const { values, start, step } = src;
  for (let i = 0; i < src.length; i++) {
    const v = values[i];
    if (v === v) enc.append(start + i * step, v);
  }
  return enc.count === 0 ? null : enc.finish();
}

export function encodeRollupBuckets(src: RollupBuckets, windowStart: number): Uint8Array | null {
  const enc = new RollupChunkEncoder(windowStart, src.step);
  const { start, step } = src;
  for (let i = 0; i < src.length; i++) {
    if (!src.has(i)) continue;
    enc.append(start + i * step, { sum: src.sum[i], min: src.min[i], max: src.max[i], last: src.last[i], count: src.count[i] });
  }
  return enc.count === 0 ? null : enc.finish();
}
