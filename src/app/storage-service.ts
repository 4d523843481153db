import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { StorageRules } from '../config/storage-rules.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import { WhisperReader } from '../readers/whisper-reader.js';
import type { SeriesReader } from '../readers/series-reader.js';
import type { ChunkStore, SeriesRegistry } from '../stores/chunk-store.js';
import { WriteAheadLog } from '../engine/wal/write-ahead-log.js';
import { StorageEngine } from '../engine/storage-engine.js';
import type { MetricIndex } from '../finders/metric-index.js';
import type { PersistPolicy } from '../engine/flush/persist-policy.js';

/** What the composition root gets: the engine (PointWriter, new-series hook) and its reader. */
export interface StorageService {
  readonly engine: StorageEngine;
  readonly reader: SeriesReader;
  /** replays the log, starts the flush and expiry timers */
  start(): Promise<void>;
  /**
   * stops the engine: syncs the log (and with flush.onStop persists everything and empties it);
   * the store and registry are their owner's to close
   */
  stop(): Promise<void>;
  /** figures for /health */
  health(): { ok: boolean; detail: Record<string, unknown> };
}

export interface StorageDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly stats: Stats;
  /** the backends the composition root chose (src/app/backends.ts) */
  readonly store: ChunkStore;
  readonly registry: SeriesRegistry;
  /** this process' name among the store's writers (Backends.writer); `store.writer` when absent */
  readonly writer?: string;
  /**
   * Where new and removed series are announced. The index learns of every new series before
   * the registry records it, so a series the registry knows is always findable (the engine
   * retries both when either fails).
   */
  readonly index?: Pick<MetricIndex, 'register' | 'unregister'>;
  /** the index holds every writer's series (Backends.indexIsShared): it needs no adopted series */
  readonly indexIsShared?: boolean;
  /** several processes hold the same series and share the store (a shared-store cluster) */
  readonly persistPolicy?: PersistPolicy;
}

/** The log may hold this many segments before the chunks pinning the oldest are flushed early. */
const WAL_SEGMENTS_BUDGET = 8;

/** The storage engine over the given backends, with its write-ahead log in the data directory and its timers. */
export function createStorageService(config: Config, deps: StorageDeps): StorageService {
  const wal = WriteAheadLog.open(join(config.dataDir, 'wal'), {
    segmentBytes: config.wal.segmentBytes,
    fsyncIntervalMs: config.wal.fsyncIntervalMs,
    logger: deps.logger,
  });
  const engine = new StorageEngine({
    store: deps.store,
    registry: deps.registry,
    wal,
    rules: StorageRules.fromConfig(config),
    clock: deps.clock,
    logger: deps.logger,
    stats: deps.stats,
    maxSeries: config.memory.maxSeries,
    maxHotBytes: config.memory.maxHotBytes,
    decodedCacheBytes: config.memory.decodedChunkCacheBytes,
    seriesCacheSize: config.memory.seriesCacheSize,
    maxWalBytes: WAL_SEGMENTS_BUDGET * config.wal.segmentBytes,
    pauseIngestAtHotBytes: config.memory.pauseIngestAtHotBytes,
    pauseIngestAtLogBytes: config.wal.pauseIngestAtBytes,
    writer: deps.writer ?? config.store.writer,
    persistPolicy: deps.persistPolicy,
  });
  const { index } = deps;
  if (index !== undefined) {
    engine.onNewSeries((metrics) => index.register(metrics));
    engine.onRemovedSeries((metrics) => index.unregister(metrics));
    // an index of this process' own beside a store other writers share: it must also learn of
    // the series this process writes that another writer registered first
    if (!deps.indexIsShared) engine.onAdoptedSeries((metrics) => index.register(metrics));
  }
  const reader = new WhisperReader(engine);
  const timers: NodeJS.Timeout[] = [];
  let lastFlushError: string | null = null;

  const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
    let running = false;
    const t = setInterval(() => {
      if (running) return;
      running = true;
      fn()
        .then(
          () => {
            if (what === 'flush') lastFlushError = null;
          },
          (err) => {
            if (what === 'flush') lastFlushError = (err as Error).message;
            deps.logger.error({ err }, `${what} failed`);
          },
        )
        .finally(() => (running = false));
    }, ms);
    t.unref();
    timers.push(t);
  };

  return {
    engine,
    reader,
    async start() {
      await engine.open();
      every(config.flush.intervalMs, () => engine.flush(), 'flush');
      if (deps.store.expire !== undefined) every(config.flush.expireIntervalMs, () => engine.expire(), 'expiry');
      if (config.flush.deadSeriesIntervalMs > 0) every(config.flush.deadSeriesIntervalMs, () => engine.removeDeadSeries(), 'removal of dead series');
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await engine.close({ flush: config.flush.onStop });
    },
    health() {
      return {
        ok: lastFlushError === null,
        detail: { series: engine.seriesCount, hotBytes: engine.hotBytes(), walBytes: wal.sizeBytes(), ...(lastFlushError ? { flushError: lastFlushError } : {}) },
      };
    },
  };
}
