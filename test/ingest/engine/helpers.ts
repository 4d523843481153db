import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { Stats } from '../../../src/lib/stats.js';
import { createStorageService, type StorageService } from '../../../src/ingest/storage-engine.js';

export const NOW = 1795316580;

/**
 * A storage service on a temporary data directory with a pinned clock. `reopen()` stops it
 * (flushing) and starts a new one on the same directory; `destroy()` also removes it.
 */
export async function openStorage(config: ConfigInput = {}, now = NOW, dir?: string) {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'carbyne-engine-'));
  const clock = new ManualClock(now * 1000);
  const build = async () => {
    const stats = new Stats();
    const svc = createStorageService(validateConfig({ selfMetrics: { enabled: false }, ...config, dataDir }), { clock, logger: silentLogger, stats });
    await svc.start();
    return { svc, stats };
  };
  let current = await build();
  return {
    dataDir,
    clock,
    get svc(): StorageService {
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
