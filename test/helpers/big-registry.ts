import { openBackends } from '../../src/app/backends.js';
import type { Config } from '../../src/config/schema.js';
import { encodeRawBuckets } from '../../src/engine/hot/chunk-codec.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { RawBuckets } from '../../src/series/buckets.js';
import { seriesId } from '../../src/series/id.js';
import { ChunkEncoding, type StorageSchema } from '../../src/series/types.js';
import type { SeriesRecord } from '../../src/stores/chunk-store.js';

/** The name of series `i` of a big registry. */
export function registryName(i: number): string {
  return `big.h${Math.floor(i / 1000)}.s${i % 1000}.cpu`;
}

const BATCH = 100_000;

/**
 * Writes `count` series records (10 s for a day) through the real registry of `config`'s
 * backends, and a stored chunk holding value `i` at `now - 60` for series 0, count/2 and
 * count-1. For start-up tests and benchmarks of big stores.
 */
export async function fillRegistry(config: Config, count: number, now: number): Promise<{ ms: number }> {
  const t0 = performance.now();
  const backends = await openBackends(config, { logger: silentLogger, stats: new Stats() });
  const schema: StorageSchema = { retentions: [{ step: 10, retention: 86400 }], aggregation: 'average', xFilesFactor: 0 };
  try {
    for (let start = 0; start < count; start += BATCH) {
      const records: SeriesRecord[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const metric = { name: registryName(i), tags: {} };
        records.push({ id: seriesId(metric), metric, schema, lastWrite: now - 3600 });
      }
      await backends.registry.put(records);
    }
    const t = now - 60 - (now % 10);
    const window = t - (t % 7200);
    await backends.store.write(
      [0, count / 2, count - 1].map((i) => {
        const buckets = new RawBuckets(t, 10, 1);
        buckets.values[0] = i;
        return { id: seriesId({ name: registryName(i), tags: {} }), resolution: 10, start: window, end: window + 7200, encoding: ChunkEncoding.Raw, data: encodeRawBuckets(buckets, window)!, ttl: 86400 };
      }),
    );
  } finally {
    await backends.close();
  }
  return { ms: performance.now() - t0 };
}
