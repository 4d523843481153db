import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { createStorageService, type StorageService } from '../../src/app/storage-service.js';
import { openBackends, type Backends } from '../../src/app/backends.js';
import type { Config } from '../../src/config/schema.js';
import type { Clock } from '../../src/lib/clock.js';

/**
 * The storage service over the configured backends (LMDB in `config.dataDir`), started; its
 * stop() also closes the backends. What the app composes, without HTTP.
 */
export type StartedStorage = StorageService & { readonly backends: Backends };

export async function startStorage(config: Config, clock: Clock, stats = new Stats()): Promise<StartedStorage> {
  const backends = await openBackends(config, { logger: silentLogger, stats });
  const svc = createStorageService(config, { clock, logger: silentLogger, stats, store: backends.store, registry: backends.registry, index: backends.index });
  await svc.start();
  return {
    engine: svc.engine,
    reader: svc.reader,
    start: () => svc.start(),
    health: () => svc.health(),
    backends,
    async stop() {
      try {
        await svc.stop();
      } finally {
        await backends.close();
      }
    },
  };
}

export const NOW = 1795316580;

/**
 * A storage service on a temporary data directory with a pinned clock. `reopen()` stops it
 * (flushing: `flush.onStop` is on unless `config` says otherwise) and starts a new one on the
 * same directory; `destroy()` also removes it.
 */
export async function openStorage(config: ConfigInput = {}, now = NOW, dir?: string) {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'carbyne-engine-'));
  const clock = new ManualClock(now * 1000);
  const build = async () => {
    const stats = new Stats();
    const svc = await startStorage(validateConfig({ selfMetrics: { enabled: false }, ...config, flush: { onStop: true, ...config.flush }, dataDir }), clock, stats);
    return { svc, stats };
  };
  let current = await build();
  return {
    dataDir,
    clock,
    get svc(): StartedStorage {
      return current.svc;
    },
    get engine() {
      return current.svc.engine;
    },
    get reader() {
      return current.svc.reader;
    },
    get stats() {
      return current.stats;
    },
    async reopen() {
      await current.svc.stop();
      current = await build();
    },
    async destroy() {
      await current.svc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Plain array of a read's values with NaN as null, for deepEqual. */
export function valuesOf(values: Float64Array): Array<number | null> {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}
