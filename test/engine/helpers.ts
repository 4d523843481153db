import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger, type Logger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { createStorageService, type StorageService } from '../../src/app/storage-service.js';
import { openBackends, type Backends } from '../../src/app/backends.js';
import type { Config } from '../../src/config/schema.js';
import type { Clock } from '../../src/lib/clock.js';
import { releaseTestBackend, testBackend, type TestBackend } from '../helpers/test-backend.js';

/**
 * The storage service over the configured backends (LMDB in `config.dataDir`), started; its
 * stop() also closes the backends. What the app composes, without HTTP.
 */
export type StartedStorage = StorageService & { readonly backends: Backends };

export async function startStorage(config: Config, clock: Clock, stats = new Stats(), logger: Logger = silentLogger): Promise<StartedStorage> {
  const backends = await openBackends(config, { logger, stats, clock });
  const svc = createStorageService(config, { clock, logger, stats, store: backends.store, registry: backends.registry, index: backends.index, indexIsShared: backends.indexIsShared, writer: backends.writer });
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
  // the suites' backend (test/helpers/test-backend.ts), unless the test chose its own
  const ownChoice = config.store?.backend !== undefined || config.index?.backend !== undefined;
  const testStore = ownChoice ? null : await testBackend(dataDir);
  const backend = testStore?.config ?? {};
  const build = async () => {
    const stats = new Stats();
    const svc = await startStorage(validateConfig({ selfMetrics: { enabled: false }, ...backend, ...config, flush: { onStop: true, ...config.flush }, dataDir }), clock, stats);
    return { svc, stats };
  };
  let current = await build();
  return {
    dataDir,
    clock,
    /** the suites' backend (null when the test chose its own) */
    backend: testStore,
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
      try {
        await current.svc.stop();
      } finally {
        await releaseTestBackend(dataDir);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Plain array of a read's values with NaN as null, for deepEqual. */
export function valuesOf(values: Float64Array): Array<number | null> {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}

/**
 * Lets `seconds` pass for the engine and for its stored data: LMDB removes what expired when
 * the engine says (engine.expire(), whose count is returned), Cassandra by its TTLs as its clock
 * moves (the CQL test server's; null is returned). Throws against a real cluster, whose clock
 * a test cannot move: the caller skips first (`canPassTime`).
 */
export async function passTime(st: { clock: ManualClock; engine: StartedStorage['engine']; backend: TestBackend | null }, seconds: number): Promise<number | null> {
  st.clock.advance(seconds);
  if (st.backend === null || st.backend.kind === 'lmdb') return st.engine.expire();
  if (st.backend.cql === null) throw new Error('a real Cassandra cluster keeps its own time');
  st.backend.cql.clock.advance(seconds * 1000);
  return null;
}

/** Why passTime cannot run here, or null when it can. */
export function cannotPassTime(st: { backend: TestBackend | null }): string | null {
  return st.backend !== null && st.backend.kind !== 'lmdb' && st.backend.cql === null ? 'needs the CQL test server: its clock expires the TTLs' : null;
}
