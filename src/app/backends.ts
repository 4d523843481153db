import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { MetricIndex } from '../finders/metric-index.js';
import type { TagIndex } from '../finders/tag-index.js';
import { LmdbMetricIndex } from '../finders/lmdb/lmdb-metric-index.js';
import type { ChunkStore, SeriesRegistry } from '../stores/chunk-store.js';
import { LmdbChunkStore } from '../stores/lmdb/chunk-store.js';
import { openLmdbAt } from '../stores/lmdb/environment.js';
import { LmdbSeriesRegistry } from '../stores/lmdb/series-registry.js';
import type { EventStore } from '../events/event-store.js';
import { LmdbEventStore } from '../events/lmdb/lmdb-event-store.js';

/** The storage and index backends one carbyne process runs on. */
export interface Backends {
  readonly store: ChunkStore;
  readonly registry: SeriesRegistry;
  readonly index: MetricIndex;
  readonly tagIndex: TagIndex;
  /** graphite-web's events (annotations) */
  readonly events: EventStore;
  /**
   * The index holds the series of every process sharing the store (a shared Elasticsearch
   * index), not only this one's: a cluster node then finds from it alone.
   */
  readonly indexIsShared: boolean;
  /** Closes what was opened, the index first and the environment last. */
  close(): Promise<void>;
}

export interface BackendDeps {
  readonly logger: Logger;
  readonly stats: Stats;
}

/**
 * The one place that names the backends: everything else sees the ChunkStore, SeriesRegistry,
 * MetricIndex, TagIndex and EventStore interfaces. Today the embedded LMDB environment (chunks,
 * registry, index and events in one file, `<dataDir>/lmdb` or `store.lmdb.path`; with a shared
 * store every process sees the same events).
 */
export async function openBackends(config: Config, deps: BackendDeps): Promise<Backends> {
  const { shared } = config.store.lmdb;
  const env = openLmdbAt(config.store.lmdb.path ?? join(config.dataDir, 'lmdb'));
  const store = LmdbChunkStore.open(env, { shared });
  const registry = LmdbSeriesRegistry.open(env);
  const events = LmdbEventStore.open(env);
  // the embedded index keeps its tree in this process' memory and journals its own changes:
  // beside a shared store it lives in the process' own data directory
  const indexEnv = shared ? openLmdbAt(join(config.dataDir, 'lmdb-index')) : env;
  let index: LmdbMetricIndex;
  try {
    index = LmdbMetricIndex.open(indexEnv, { logger: deps.logger, stats: deps.stats });
  } catch (err) {
    if (indexEnv !== env) await indexEnv.close();
    await env.close();
    throw err;
  }
  return {
    store,
    registry,
    index,
    tagIndex: index,
    events,
    // the embedded index is this process' own, even beside a shared store
    indexIsShared: false,
    async close() {
      try {
        await index.close();
        await store.close();
        await registry.close();
        await events.close();
      } finally {
        if (indexEnv !== env) await indexEnv.close();
        await env.close();
      }
    },
  };
}
