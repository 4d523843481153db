import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateConfig } from '../../src/config/load.js';
import { createStorageService } from '../../src/app/storage-service.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { flaky } from './flaky-backends.js';
import { NOW, openStorage } from './helpers.js';

const CONFIG = { retentions: [{ pattern: '.*', retentions: '10s:1d,60s:30d' }], selfMetrics: { enabled: false }, flush: { onStop: true } };

describe('storage engine: store failures lose nothing', () => {
  it('keeps chunks whose write failed, and the log, until a later flush succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-flaky-'));
    const parts = await flaky(dir);
    const svc = createStorageService(validateConfig({ ...CONFIG, dataDir: dir }), { clock: new ManualClock(NOW * 1000), logger: silentLogger, stats: new Stats(), store: parts.store, registry: parts.registry, writer: parts.writer });
    try {
      await svc.start();
      parts.state.failing = true;
      for (let k = 0; k < 50; k++) svc.engine.write('flaky.a', k, NOW - 30000 + k * 10);
      svc.engine.commit();
      await assert.rejects(svc.engine.flush(), /No space left/);
      assert.equal(svc.health().ok, true, 'health reflects the timer-driven flushes, not this direct call');
      const hot = await svc.reader.fetch('flaky.a', NOW - 30010, NOW - 29500, NOW);
      assert.equal(hot!.values[0], 0);
      assert.equal(hot!.values[49], 49);
      parts.state.failing = false;
      svc.engine.commit(); // retries the registry write
      await svc.engine.flush();
      await svc.stop();
      const walDir = join(dir, 'wal');
      assert.deepEqual(readdirSync(walDir).filter((f) => f.endsWith('.wal') && statSync(join(walDir, f)).size > 0), []);
      await parts.close();
      // everything is in the store and the registry now
      const st = await openStorage(CONFIG, NOW, dir);
      try {
        assert.equal(st.stats.counter('engine.points_replayed').value, 0);
        const r = await st.reader.fetch('flaky.a', NOW - 30010, NOW - 29500, NOW);
        assert.deepEqual(Array.from(r!.values.subarray(0, 50)), Array.from({ length: 50 }, (_, k) => k));
      } finally {
        await st.svc.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('storage engine: write-ahead log replay', () => {
  it('replays the records it can read and skips one it cannot, starting anyway', async () => {
    const { WriteAheadLog } = await import('../../src/engine/wal/write-ahead-log.js');
    const { WalBatchWriter } = await import('../../src/engine/wal/wal-batch.js');
    const { fnv1a64Halves } = await import('../../src/series/id.js');
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-replay-'));
    try {
      const wal = WriteAheadLog.open(join(dir, 'wal'), { segmentBytes: 64 * 1024, fsyncIntervalMs: 0 });
      const schema = { retentions: [{ step: 10, retention: 86400 }], aggregation: 'sum' as const, xFilesFactor: 0 };
      const s = { ...fnv1a64Halves('replayed.a:'), name: 'replayed.a', schema, registered: false, batchEpoch: 0, batchIndex: 0, walDefinition: null };
      const w = new WalBatchWriter();
      w.point(s, NOW - 20, 1.5, NOW);
      wal.append(w.take().slice());
      wal.append(new Uint8Array([0xee, 1, 2, 3])); // a record of an unknown version
      w.point(s, NOW - 10, 2.5, NOW);
      wal.append(w.take().slice());
      wal.close();
      // the rules say 60 s for everything; the logged definition (10 s, sum) wins, as it was accepted
      const st = await openStorage({ retentions: [{ pattern: '.*', retentions: '60s:1d' }] }, NOW, dir);
      try {
        assert.equal(st.stats.counter('engine.points_replayed').value, 2);
        const r = await st.reader.fetch('replayed.a', NOW - 30, NOW, NOW);
        assert.equal(r!.step, 10);
        assert.equal(r!.aggregation, 'sum');
        assert.deepEqual(Array.from(r!.values.subarray(0, 2)), [1.5, 2.5]);
      } finally {
        await st.svc.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
