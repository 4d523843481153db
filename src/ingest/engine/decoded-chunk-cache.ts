import { LRUCache } from 'lru-cache';
import { Counter } from '../../lib/stats.js';
import type { Chunk } from '../../series/types.js';
import { decodeRaw, type DecodedRaw } from './chunk-codec.js';

/** a decoded chunk's own objects beside its two arrays, for the byte budget */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * Raw chunks read from the store, kept decoded (metrictank's chunk cache): dashboards ask for
 * the same recent windows again and again, and decoding is most of a stored read. An entry is
 * keyed by the chunk's identity and its bytes' checksum (the last four bytes of every chunk), so
 * a window written again (a backfill, a late flush) is a new entry and a stale one is never
 * answered; stale entries age out. Bounded in bytes; 0 turns it off.
 */
export class DecodedChunkCache {
  private readonly cache: LRUCache<string, DecodedRaw> | null;

  constructor(
    maxBytes: number,
    readonly hits = new Counter(),
    readonly misses = new Counter(),
  ) {
    this.cache =
      maxBytes > 0
        ? new LRUCache<string, DecodedRaw>({
            maxSize: maxBytes,
            sizeCalculation: (d) => d.timestamps.byteLength + d.values.byteLength + ENTRY_OVERHEAD_BYTES,
          })
        : null;
  }

  /** The chunk's points, decoded once while they stay in the cache. Callers must not change them. */
  decode(chunk: Chunk): DecodedRaw {
    if (this.cache === null) return decodeRaw(chunk.data);
    const d = chunk.data;
    const n = d.length;
    const crc = n >= 4 ? ((d[n - 4] << 24) | (d[n - 3] << 16) | (d[n - 2] << 8) | d[n - 1]) >>> 0 : 0;
    const key = `${chunk.id}|${chunk.resolution}|${chunk.end}|${n}|${crc}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.hits.inc();
      return cached;
    }
    this.misses.inc();
    const decoded = decodeRaw(d);
    this.cache.set(key, decoded);
    return decoded;
  }

  get bytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }
}
