import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openBackends } from '../../src/app/backends.js';
import { validateConfig } from '../../src/config/load.js';
import { createStorageService } from '../../src/app/storage-service.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import type { SeriesRegistry } from '../../src/stores/chunk-store.js';
import { fillRegistry, registryName } from '../helpers/big-registry.js';
import { NOW, valuesOf } from './helpers.js';

const SERIES = 1_000_000;

describe('storage engine: start-up', () => {
  it(`starts on a registry of ${SERIES.toLocaleString('en')} series without reading it, and finds any of them on demand`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-startup-'));
    const config = validateConfig({ dataDir, selfMetrics: { enabled: false }, retentions: [{ pattern: '.*', retentions: '10s:1d' }] });
    try {
      const built = await fillRegistry(config, SERIES, NOW);
      const backends = await openBackends(config, { logger: silentLogger, stats: new Stats() });
      const calls = { all: 0, getMany: [] as number[] };
      const real = backends.registry;
      const registry: SeriesRegistry = {
        get: (id) => real.get(id),
        getMany: (ids) => {
          calls.getMany.push(ids.length);
          return real.getMany(ids);
        },
        put: (r) => real.put(r),
        touch: (a) => real.touch(a),
        delete: (id) => real.delete(id),
        idle: (...a) => real.idle(...a),
        all: () => {
          calls.all++;
          return real.all();
        },
      };
      const svc = createStorageService(config, { clock: new ManualClock(NOW * 1000), logger: silentLogger, stats: new Stats(), store: backends.store, registry });
      try {
        const t0 = performance.now();
        await svc.start();
        const ms = performance.now() - t0;
        const heap = process.memoryUsage().heapUsed;
        assert.equal(calls.all, 0, 'the registry is never listed');
        assert.deepEqual(calls.getMany, [], 'no record is looked up before anything asks');
        assert.equal(svc.engine.seriesCount, 0);
        console.log(`# start-up on ${SERIES} series: ${ms.toFixed(1)} ms (registry built in ${built.ms.toFixed(0)} ms); heap ${(heap / 2 ** 20).toFixed(0)} MiB`);

        // any series reads back with one registry round trip: the ones with stored chunks, and one without
        const names = [registryName(0), registryName(SERIES / 2), registryName(SERIES - 1), registryName(12345)];
        const read = await svc.reader.fetchMany(names, NOW - 600, NOW, NOW);
        assert.deepEqual(calls.getMany, [4]);
        for (const [k, i] of [0, SERIES / 2, SERIES - 1].entries()) {
          assert.ok(read[k], names[k]);
          assert.deepEqual(valuesOf(read[k]!.values).filter((v) => v !== null), [i], names[k]);
        }
        assert.ok(read[3]);
        assert.deepEqual(valuesOf(read[3]!.values).filter((v) => v !== null), []);
        assert.equal(await svc.reader.fetch('not.a.series', NOW - 600, NOW, NOW), null);
        assert.equal(svc.engine.seriesCount, 4);
      } finally {
        await svc.stop();
        await backends.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('storage engine: restart after a stop', () => {
  it('restores a stopped engine from its hot snapshot, replaying nothing; after a stop with a series still unresolved, replays the log with the series checkpoint; after a crash, replays it asking the registry once per series', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-restart-'));
    const config = validateConfig({ dataDir, selfMetrics: { enabled: false }, retentions: [{ pattern: '.*', retentions: '10s:1d' }] });
    const start = async () => {
      const backends = await openBackends(config, { logger: silentLogger, stats: new Stats() });
      const asked: number[] = [];
      const real = backends.registry;
      const registryDown = { now: false };
      const registry: SeriesRegistry = {
        ...bind(real),
        getMany: async (ids) => {
          asked.push(ids.length);
          if (registryDown.now) throw new Error('registry unreachable');
          return real.getMany(ids);
        },
      };
      const stats = new Stats();
      const svc = createStorageService(config, { clock: new ManualClock(NOW * 1000), logger: silentLogger, stats, store: backends.store, registry });
      svc.engine.onNewSeries((m) => backends.index.register(m));
      await svc.start();
      const counted = (name: string) => stats.counter(name).value;
      return { svc, asked, registryDown, counted, stop: async () => (await svc.stop(), await backends.close()) };
    };
    const names = Array.from({ length: 500 }, (_, i) => `restart.s${i}`);
    const readAll = async (svc: Awaited<ReturnType<typeof start>>['svc'], points: number) => {
      const got = await svc.reader.fetchMany(names, NOW - 600, NOW, NOW);
      got.forEach((r, i) => assert.deepEqual(valuesOf(r!.values).filter((v) => v !== null), Array.from({ length: points }, (_, k) => i + k), names[i]));
    };
    try {
      let run = await start();
      for (let k = 0; k < 3; k++) for (const [i, n] of names.entries()) run.svc.engine.write(n, i + k, NOW - 300 + k * 10);
      run.svc.engine.commit();
      await run.svc.engine.flush();
      await run.stop();

      run = await start();
      await readAll(run.svc, 3);
      assert.deepEqual(run.asked, [], 'every series came from the snapshot');
      assert.equal(run.counted('engine.points_replayed'), 0);
      assert.equal(run.counted('engine.points_restored'), 3 * names.length);
      assert.equal(run.svc.engine.seriesCount, names.length);
      for (const [i, n] of names.entries()) run.svc.engine.write(n, i + 3, NOW - 270);
      // a new series the registry cannot be asked about: still pending at the stop
      run.registryDown.now = true;
      run.svc.engine.write('restart.unresolved', 7, NOW - 270);
      run.svc.engine.commit();
      await run.svc.engine.settled();
      await run.stop();

      run = await start();
      await readAll(run.svc, 4);
      assert.deepEqual(run.asked, [1], 'the checkpoint named every series but the unresolved one');
      assert.equal(run.counted('engine.points_restored'), 0);
      assert.equal(run.counted('engine.points_replayed'), 4 * names.length + 1);
      const unresolved = await run.svc.reader.fetch('restart.unresolved', NOW - 600, NOW, NOW);
      assert.deepEqual(valuesOf(unresolved!.values).filter((v) => v !== null), [7]);
      await run.stop();
      // a crash leaves no sidecar behind
      rmSync(join(dataDir, 'wal', 'sidecar'));
      run = await start();
      assert.equal(run.asked.reduce((a, b) => a + b, 0), names.length + 1, 'each series looked up once');
      await readAll(run.svc, 4);
      await run.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A registry's methods bound to it, to build a wrapper that replaces some. */
function bind(r: SeriesRegistry): SeriesRegistry {
  return {
    get: (id) => r.get(id),
    getMany: (ids) => r.getMany(ids),
    put: (recs) => r.put(recs),
    touch: (a) => r.touch(a),
    delete: (id) => r.delete(id),
    idle: (...a) => r.idle(...a),
    all: () => r.all(),
  };
}
