import type { ChunkEncoding } from '../../series/types.js';

/**
 * The stored form of a chunk: a fixed header, then the payload bytes as the codec wrote them.
 *
 *   byte 0      header format (1)
 *   byte 1      encoding (ChunkEncoding)
 *   bytes 2-9   start, float64 LE
 *   bytes 10-17 ttl, float64 LE (kept so a rewrite or delete can find its expiry entry)
 *   bytes 18-   payload
 *
 * The key carries (id, resolution, end), so they are not repeated here.
 */
export const CHUNK_HEADER_BYTES = 18;
const FORMAT = 1;

export interface ChunkValue {
  readonly start: number;
  readonly ttl: number;
  readonly encoding: ChunkEncoding;
  /** a view into the stored value, not a copy */
  readonly data: Uint8Array;
}

export function encodeChunkValue(start: number, ttl: number, encoding: ChunkEncoding, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(CHUNK_HEADER_BYTES + data.length);
  out[0] = FORMAT;
  out[1] = encoding;
  out.writeDoubleLE(start, 2);
  out.writeDoubleLE(ttl, 10);
  out.set(data, CHUNK_HEADER_BYTES);
  return out;
}

export function decodeChunkValue(value: Buffer): ChunkValue {
  if (value.length < CHUNK_HEADER_BYTES || value[0] !== FORMAT) {
    throw new Error(`stored chunk has an unknown header (format ${value[0]}, ${value.length} bytes)`);
  }
  return {
    encoding: value[1] as ChunkEncoding,
    start: value.readDoubleLE(2),
    ttl: value.readDoubleLE(10),
    data: value.subarray(CHUNK_HEADER_BYTES),
  };
}

/** Only the ttl, without building the rest (rewrites and deletes need nothing else). */
export function chunkValueTtl(value: Buffer): number {
  return value.readDoubleLE(10);
}
