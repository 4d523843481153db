import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackends, type Backends } from '../../src/app/backends.js';
import { validateConfig } from '../../src/config/load.js';
import type { Clock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { releaseTestBackend, testBackend, type BackendKind } from '../helpers/test-backend.js';

/**
 * The store and registry of the suites' backend (test/helpers/test-backend.ts: LMDB, or
 * Cassandra through its test server or a real cluster) on a fresh data directory or keyspace,
 * for the contract tests every backend passes.
 */
export interface StoreHarness {
  readonly kind: BackendKind;
  readonly backends: Backends;
  /**
   * Removes the chunks whose `end + ttl` is before `now` (seconds since the epoch, moving
   * forward only): LMDB's expire(now), or Cassandra's TTLs by the CQL test server's clock. Null
   * against a real cluster, whose clock a test cannot move.
   */
  readonly expireBefore: ((now: number) => Promise<void>) | null;
  /** Closes the store and opens it again on the same data. */
  reopen(): Promise<void>;
  destroy(): Promise<void>;
}

export async function openStoreHarness(stats = new Stats(), kind?: BackendKind): Promise<StoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-store-'));
  const backend = await testBackend(dir, kind);
  const cql = backend.cql;
  // Cassandra's TTLs count from its own clock: frozen here, and the store's "now" is the time
  // since then, so a chunk written with (end, ttl) vanishes when the clock passes end + ttl
  const startMs = Math.floor((cql?.clock.nowMs() ?? 0) / 1000) * 1000;
  cql?.clock.set(startMs);
  const clock: Clock = {
    nowSeconds: () => (cql ? Math.floor((cql.clock.nowMs() - startMs) / 1000) : 0),
    nowMs: () => (cql ? cql.clock.nowMs() - startMs : 0),
  };
  const open = () => openBackends(validateConfig({ ...backend.config, dataDir: dir }), { logger: silentLogger, stats, clock });
  const state = { backends: await open() };
  let expireBefore: StoreHarness['expireBefore'] = null;
  if (backend.kind === 'lmdb') {
    expireBefore = async (now) => {
      await state.backends.store.expire!(now);
    };
  } else if (cql) {
    // a cell written at second W with ttl n is gone once the clock reaches W + n
    expireBefore = async (now) => cql.clock.set(Math.max(cql.clock.nowMs(), startMs + (now - 1) * 1000));
  }
  return {
    kind: backend.kind,
    get backends() {
      return state.backends;
    },
    expireBefore,
    async reopen() {
      await state.backends.close();
      state.backends = await open();
    },
    async destroy() {
      try {
        await state.backends.close();
      } finally {
        await releaseTestBackend(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
