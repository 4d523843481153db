import type { ChunkEncoding } from '../../series/types.js';

/**
 * The stored form of a chunk: a fixed header, then the payload bytes as the codec wrote them.
 *
 *   byte 0       header format (2; format 1, without the version, is still read)
 *   byte 1       encoding (ChunkEncoding)
 *   bytes 2-9    start, float64 LE
 *   bytes 10-17  ttl, float64 LE (kept so a rewrite or delete can find its expiry entry)
 *   bytes 18-25  version, float64 LE (ms since the epoch when written; format 2 only)
 *   bytes 26-    payload
 *
 * The key carries (id, resolution, end[, writer]), so they are not repeated here.
 */
export const CHUNK_HEADER_BYTES = 26;
const FORMAT = 2;
const FORMAT_1_HEADER_BYTES = 18;

export interface ChunkValue {
  readonly start: number;
  readonly ttl: number;
  readonly encoding: ChunkEncoding;
  readonly version: number;
  /** a view into the stored value, not a copy */
  readonly data: Uint8Array;
}

export function encodeChunkValue(start: number, ttl: number, encoding: ChunkEncoding, data: Uint8Array, version = 0): Buffer {
  const out = Buffer.allocUnsafe(CHUNK_HEADER_BYTES + data.length);
  out[0] = FORMAT;
  out[1] = encoding;
  out.writeDoubleLE(start, 2);
  out.writeDoubleLE(ttl, 10);
  out.writeDoubleLE(version, 18);
  out.set(data, CHUNK_HEADER_BYTES);
  return out;
}

export function decodeChunkValue(value: Buffer): ChunkValue {
  const format = value[0];
  const header = format === FORMAT ? CHUNK_HEADER_BYTES : format === 1 ? FORMAT_1_HEADER_BYTES : -1;
  if (header < 0 || value.length < header) {
    throw new Error(`stored chunk has an unknown header (format ${value[0]}, ${value.length} bytes)`);
  }
  return {
    encoding: value[1] as ChunkEncoding,
    start: value.readDoubleLE(2),
    ttl: value.readDoubleLE(10),
    version: format === FORMAT ? value.readDoubleLE(18) : 0,
    data: value.subarray(header),
  };
}

/** Only the ttl, without building the rest (rewrites and deletes need nothing else). */
export function chunkValueTtl(value: Buffer): number {
  return value.readDoubleLE(10);
}
