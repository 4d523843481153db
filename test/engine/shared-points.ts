import type { ConfigInput } from '../../src/config/schema.js';

/** The points shared-store.test.ts has two writer processes write (shared-writer-child.ts). */
export const SHARED_RULES = { retentions: [{ pattern: '.*', retentions: '10s:1d,60s:7d' }], selfMetrics: { enabled: false } };
export const SERIES = 20;
export const ROUNDS = 10;
export const POINTS_PER_ROUND = 36;
export const POINTS = ROUNDS * POINTS_PER_ROUND;

/** Point k of series i: 10 s apart, ending at `now`; its value tells series and point. */
export function sharedPoint(now: number, i: number, k: number): { name: string; timestamp: number; value: number } {
  const last = now - (now % 10);
  return { name: `shared.s${i}`, timestamp: last - (POINTS - 1 - k) * 10, value: i * 10_000 + k };
}

/**
 * The configuration of one of the processes sharing the store: the LMDB environment at
 * `lmdbPath` shared by every process, or the suites' Cassandra (`backend`, test-backend.ts)
 * with this process' writer name.
 */
export function sharedStoreConfig(backend: ConfigInput, dataDir: string, lmdbPath: string, writer: string): ConfigInput {
  const store = backend.store?.backend === 'cassandra' ? { ...backend.store, writer } : { writer, lmdb: { path: lmdbPath, shared: true } };
  return { ...SHARED_RULES, ...backend, dataDir, store };
}
