import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../src/config/load.js';
import type { ConfigInput } from '../src/config/schema.js';
import { ManualClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { Stats } from '../src/lib/stats.js';
import { createStorageService } from '../src/app/storage-service.js';
import { openBackends } from '../src/app/backends.js';

export const BENCH_NOW = 1795316580;

/** A started storage service on a temporary directory, clock pinned at BENCH_NOW. */
export async function benchStorage(config: ConfigInput = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-bench-engine-'));
  const stats = new Stats();
  const clock = new ManualClock(BENCH_NOW * 1000);
  const validated = validateConfig({ selfMetrics: { enabled: false }, retentions: [{ pattern: '.*', retentions: '10s:1d,60s:30d,600s:1y' }], ...config, dataDir });
  const backends = await openBackends(validated, { logger: silentLogger, stats });
  const svc = createStorageService(validated, { clock, logger: silentLogger, stats, store: backends.store, registry: backends.registry });
  await svc.start();
  return {
    svc,
    stats,
    clock,
    async destroy() {
      await svc.stop();
      await backends.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `count` metric names shaped like real ones (host, subsystem, metric). */
export function metricNames(count: number, prefix = 'bench'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}.host${(i % 1000).toString().padStart(4, '0')}.sys${Math.floor(i / 1000) % 100}.metric${Math.floor(i / 100000)}`);
}
