import { ChunkEncoding } from '../../../src/series/types.js';
import type { StoredChunk } from '../../../src/stores/chunk-store.js';

export const CRASH_BATCH_SIZE = 50;
export const CRASH_WINDOW = 7200;

/** Batch b: one 2 h window of CRASH_BATCH_SIZE series, payload bytes derived from (b, series). */
export function crashBatch(b: number): StoredChunk[] {
  return Array.from({ length: CRASH_BATCH_SIZE }, (_, i) => ({
    id: `series${i}`,
    resolution: 10,
    start: b * CRASH_WINDOW,
    end: (b + 1) * CRASH_WINDOW,
    ttl: 86400,
    encoding: ChunkEncoding.Raw,
    data: crashPayload(b, i),
  }));
}

export function crashPayload(b: number, i: number): Uint8Array {
  const out = new Uint8Array(200 + ((b * 31 + i) % 900));
  for (let k = 0; k < out.length; k++) out[k] = (b * 7 + i * 13 + k) & 0xff;
  return out;
}
