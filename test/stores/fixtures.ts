import { seriesId } from '../../src/series/id.js';
import { ChunkEncoding, type Chunk, type MetricName, type StorageSchema } from '../../src/series/types.js';
import type { SeriesRecord, StoredChunk } from '../../src/stores/chunk-store.js';

/** A chunk whose bytes say its resolution (first byte) and `fill` (the rest). */
export function chunk(id: string, resolution: number, start: number, end: number, ttl = 86400, fill = end % 251): StoredChunk {
  const data = new Uint8Array(16 + (end % 7));
  data.fill(fill);
  data[0] = resolution & 0xff;
  return { id, resolution, start, end, ttl, encoding: ChunkEncoding.Raw, data };
}

export const ends = (chunks: Chunk[]) => chunks.map((c) => c.end);

export const schema: StorageSchema = {
  retentions: [
    { step: 10, retention: 7 * 86400 },
    { step: 60, retention: 30 * 86400 },
  ],
  aggregation: 'max',
  xFilesFactor: 0.25,
};

export function record(name: string, tags: Record<string, string> = {}, s: StorageSchema = schema): SeriesRecord {
  const metric: MetricName = { name, tags };
  return { id: seriesId(metric), metric, schema: s };
}
