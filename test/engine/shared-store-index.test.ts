import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openBackends, type Backends } from '../../src/app/backends.js';
import { createStorageService, type StorageService } from '../../src/app/storage-service.js';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import type { MetricIndex } from '../../src/finders/metric-index.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { NOW } from './helpers.js';
import { sharedStoreConfig } from './shared-points.js';
import { releaseTestBackend, testBackendConfig } from '../helpers/test-backend.js';

type IndexSinks = Pick<MetricIndex, 'register' | 'unregister'>;

/**
 * One writer of a store other processes share (the suites' backend: an LMDB environment or a
 * Cassandra keyspace), with its own data directory and its own embedded index whatever the
 * suites' index is: the index that must learn of the series other writers registered first.
 * `index` stands between the engine and that index when given; `flush.onStop` is off, so a stop
 * leaves the log to replay.
 */
async function writer(backend: ConfigInput, root: string, name: string, index?: (own: Backends['index']) => IndexSinks) {
  const config = validateConfig({ ...sharedStoreConfig(backend, join(root, name), join(root, 'store'), name), index: { backend: 'lmdb' } });
  const backends = await openBackends(config, { logger: silentLogger, stats: new Stats() });
  let svc: StorageService;
  try {
    assert.equal(backends.indexIsShared, false);
    svc = createStorageService(config, {
      clock: new ManualClock(NOW * 1000),
      logger: silentLogger,
      stats: new Stats(),
      store: backends.store,
      registry: backends.registry,
      index: index?.(backends.index) ?? backends.index,
      indexIsShared: backends.indexIsShared,
      writer: name,
    });
    await svc.start();
  } catch (err) {
    await backends.close();
    throw err;
  }
  return {
    backends,
    svc,
    async stop() {
      try {
        await svc.stop();
      } finally {
        await backends.close();
      }
    },
  };
}

async function found(backends: Backends, pattern: string): Promise<string[]> {
  const out: string[] = [];
  for await (const n of backends.index.find(pattern)) if (n.isLeaf) out.push(n.path);
  return out;
}

/** A temporary directory holding the writers' directories, and the key of the suites' backend. */
async function withStore(fn: (backend: ConfigInput, root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'carbyne-shared-index-'));
  try {
    await fn(await testBackendConfig(join(root, 'store')), root);
  } finally {
    await releaseTestBackend(join(root, 'store'));
    rmSync(root, { recursive: true, force: true });
  }
}

describe('shared store: each writer indexes what it writes', () => {
  it("a series another writer registered first is announced to this writer's own index when it writes it", async () => {
    await withStore(async (backend, root) => {
      const a = await writer(backend, root, 'a');
      const b = await writer(backend, root, 'b');
      try {
        a.svc.engine.write('adopt.x', 1, NOW - 60);
        await a.svc.engine.settled();
        assert.deepEqual(await found(a.backends, 'adopt.*'), ['adopt.x']);
        assert.ok(await b.backends.registry.get((await a.svc.engine.lookup('adopt.x'))!.id), 'the registry has it from a');
        assert.deepEqual(await found(b.backends, 'adopt.*'), [], 'b has written nothing yet');

        b.svc.engine.write('adopt.x', 2, NOW - 60);
        await b.svc.engine.settled();
        assert.deepEqual(await found(b.backends, 'adopt.*'), ['adopt.x'], 'b stores the series: its index must find it');
      } finally {
        await b.stop();
        await a.stop();
      }
    });
  });

  it('a writer that stopped before registering a series another writer then registered finds it after replaying its log', async () => {
    await withStore(async (backend, root) => {
      // b writes the series first, but its index refuses it: the registration (index, then registry) waits for a retry
      let refusing = true;
      const refusingIndex = (own: IndexSinks): IndexSinks => ({
        register: (metrics) => (refusing ? Promise.reject(new Error('the index is down')) : own.register(metrics)),
        unregister: (metrics) => own.unregister(metrics),
      });
      let b = await writer(backend, root, 'b', refusingIndex);
      try {
        b.svc.engine.write('replayed.x', 2, NOW - 60);
        await b.svc.engine.settled();
        assert.deepEqual(await found(b.backends, 'replayed.*'), [], 'the index refused it');
        const id = (await b.svc.engine.lookup('replayed.x'))!.id;
        assert.equal(await b.backends.registry.get(id), undefined, 'nor is it in the registry');
        // b stops with the series' definition in its log (flush.onStop is off), still unregistered
        await b.stop();
        refusing = false;

        // meanwhile a writes it too, and registers it
        const a = await writer(backend, root, 'a');
        try {
          a.svc.engine.write('replayed.x', 2, NOW - 60);
          await a.svc.engine.settled();
          assert.ok(await a.backends.registry.get(id), 'a registered it');
        } finally {
          await a.stop();
        }

        // b's replay finds the series in the registry: not new to register, but b's index must learn of it
        b = await writer(backend, root, 'b', refusingIndex);
        await b.svc.engine.settled();
        assert.deepEqual(await found(b.backends, 'replayed.*'), ['replayed.x'], 'b holds the series again after its replay: its index must find it');
        const read = await b.svc.reader.fetch('replayed.x', NOW - 120, NOW, NOW);
        assert.ok(read !== null && [...read.values].includes(2), 'and its replayed point is read');
      } finally {
        await b.stop();
      }
    });
  });
});
