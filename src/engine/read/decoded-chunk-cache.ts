import { LRUCache } from 'lru-cache';
import { Counter } from '../../lib/stats.js';
import type { Chunk } from '../../series/types.js';
import type { RawBuckets } from '../../series/buckets.js';
import { decodeRaw, decodeRawInto, overlayDecoded, type DecodedRaw } from '../hot/chunk-codec.js';

/** a decoded chunk's own objects beside its two arrays, for the byte budget */
const ENTRY_OVERHEAD_BYTES = 200;

/** a chunk's points, decoded, and the bytes they were decoded from */
interface Entry {
  readonly bytes: Buffer;
  readonly decoded: DecodedRaw;
}

/**
 * Raw chunks read from the store, kept decoded (metrictank's chunk cache): dashboards ask for
 * the same recent windows again and again, and decoding is most of a stored read. An entry is
 * keyed by series, resolution, window end and writer, and holds a copy of the bytes it was decoded
 * from: it answers only a chunk with exactly those bytes (a native compare, far cheaper than a
 * decode), so a window written again (a backfill, a late flush) is decoded again and nothing
 * stale is ever answered. Bounded in bytes; 0 turns it off.
 */
export class DecodedChunkCache {
  private readonly cache: LRUCache<string, Entry> | null;

  constructor(
    maxBytes: number,
    readonly hits = new Counter(),
    readonly misses = new Counter(),
  ) {
    this.cache =
      maxBytes > 0
        ? new LRUCache<string, Entry>({
            maxSize: maxBytes,
            sizeCalculation: (e) => e.bytes.byteLength + e.decoded.timestamps.byteLength + e.decoded.values.byteLength + ENTRY_OVERHEAD_BYTES,
          })
        : null;
  }

  /** The chunk's points, decoded once while they stay in the cache. Callers must not change them. */
  decode(chunk: Chunk): DecodedRaw {
    if (this.cache === null) return decodeRaw(chunk.data);
    const key = `${chunk.id}|${chunk.resolution}|${chunk.end}|${chunk.writer ?? ''}`;
    const data = chunk.data;
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.bytes.byteLength === data.byteLength && cached.bytes.compare(data) === 0) {
      this.hits.inc();
      return cached.decoded;
    }
    this.misses.inc();
    const decoded = decodeRaw(data);
    this.cache.set(key, { bytes: Buffer.from(data), decoded });
    return decoded;
  }

  /** Writes the chunk's points over `dst` (see overlayDecoded); with the cache off, decoded in place without keeping them. */
  overlay(chunk: Chunk, dst: RawBuckets): void {
    if (this.cache === null) decodeRawInto(chunk.data, dst);
    else overlayDecoded(this.decode(chunk), dst);
  }

  get bytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }
}
