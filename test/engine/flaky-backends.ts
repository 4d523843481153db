import { validateConfig } from '../../src/config/load.js';
import { openBackends } from '../../src/app/backends.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import type { ChunkStore, SeriesRecord, SeriesRegistry, StoredChunk } from '../../src/stores/chunk-store.js';
import { testBackendConfig } from '../helpers/test-backend.js';
import { NOW } from './helpers.js';

/** The suites' real store and registry (test-backend.ts), with writes that fail while `failing` is set (a full disk). */
export async function flaky(dir: string) {
  const backends = await openBackends(validateConfig({ ...(await testBackendConfig(dir)), dataDir: dir }), { logger: silentLogger, stats: new Stats(), clock: new ManualClock(NOW * 1000) });
  const { store, registry } = backends;
  const state = { failing: false };
  const fail = () => Promise.reject(new Error('No space left on device'));
  const flakyStore: ChunkStore = {
    singleWriter: store.singleWriter,
    read: (...a) => store.read(...a),
    readMany: (reads, copies) => store.readMany(reads, copies),
    write: (chunks: readonly StoredChunk[]) => (state.failing ? fail() : store.write(chunks)),
    delete: (id) => store.delete(id),
    ...(store.expire ? { expire: (now: number) => store.expire!(now) } : {}),
    close: () => store.close(),
  };
  const flakyRegistry: SeriesRegistry = {
    get: (id) => registry.get(id),
    getMany: (ids) => registry.getMany(ids),
    put: (records: readonly SeriesRecord[]) => (state.failing ? fail() : registry.put(records)),
    touch: (activity) => registry.touch(activity),
    idle: (before, limit, after) => registry.idle(before, limit, after),
    delete: (id) => registry.delete(id),
    all: () => registry.all(),
  };
  return { state, store: flakyStore, registry: flakyRegistry, writer: backends.writer, close: () => backends.close() };
}

