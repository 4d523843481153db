import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openBackends, type Backends } from '../../src/app/backends.js';
import { createStorageService, type StorageService } from '../../src/app/storage-service.js';
import { validateConfig } from '../../src/config/load.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { NOW } from './helpers.js';

/** One writer of a shared LMDB store, with its own data directory and so its own embedded index. */
async function writer(root: string, name: string): Promise<{ backends: Backends; svc: StorageService; stop(): Promise<void> }> {
  const config = validateConfig({
    dataDir: join(root, name),
    selfMetrics: { enabled: false },
    retentions: [{ pattern: '.*', retentions: '10s:1d' }],
    store: { writer: name, lmdb: { path: join(root, 'store'), shared: true } },
  });
  const backends = await openBackends(config, { logger: silentLogger, stats: new Stats() });
  const svc = createStorageService(config, {
    clock: new ManualClock(NOW * 1000),
    logger: silentLogger,
    stats: new Stats(),
    store: backends.store,
    registry: backends.registry,
    index: backends.index,
    indexIsShared: backends.indexIsShared,
    writer: name,
  });
  await svc.start();
  return {
    backends,
    svc,
    async stop() {
      await svc.stop();
      await backends.close();
    },
  };
}

async function found(backends: Backends, pattern: string): Promise<string[]> {
  const out: string[] = [];
  for await (const n of backends.index.find(pattern)) if (n.isLeaf) out.push(n.path);
  return out;
}

describe('shared store: each writer indexes what it writes', () => {
  it('a series another writer registered first is announced to this writer\'s own index when it writes it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'carbyne-shared-index-'));
    try {
      const a = await writer(root, 'a');
      const b = await writer(root, 'b');
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
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
