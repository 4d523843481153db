import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../src/lib/logger.js';
import { SeriesTable } from '../../src/engine/table/series-table.js';
import type { SeriesState } from '../../src/engine/table/series-state.js';
import { seriesId } from '../../src/series/id.js';
import type { StorageSchema } from '../../src/series/types.js';
import type { SeriesRecord, SeriesRegistry } from '../../src/stores/chunk-store.js';
import { LmdbSeriesRegistry } from '../../src/stores/lmdb/series-registry.js';
import { tempEnvironment } from '../stores/lmdb/helpers.js';
import { NOW, openStorage, valuesOf } from './helpers.js';

const RULES_SCHEMA: StorageSchema = { retentions: [{ step: 10, retention: 86400 }], aggregation: 'average', xFilesFactor: 0 };
const STORED_SCHEMA: StorageSchema = { retentions: [{ step: 60, retention: 7 * 86400 }], aggregation: 'max', xFilesFactor: 0 };

/** The real LMDB registry, counting the round trips the table makes and failing on demand. */
async function countingRegistry() {
  const t = tempEnvironment();
  const real = LmdbSeriesRegistry.open(t.env);
  const calls = { getMany: [] as number[], failing: false };
  const registry: Pick<SeriesRegistry, 'getMany'> = {
    async getMany(ids) {
      calls.getMany.push(ids.length);
      if (calls.failing) throw new Error('registry unreachable');
      return real.getMany(ids);
    },
  };
  return {
    real,
    registry,
    calls,
    async destroy() {
      await real.close();
      await t.destroy();
    },
  };
}

function table(registry: Pick<SeriesRegistry, 'getMany'>, idleCacheSize: number, resolved: Array<{ s: SeriesState; isNew: boolean }> = []) {
  return new SeriesTable({
    registry,
    rules: { schemaFor: () => RULES_SCHEMA },
    sharedStore: false,
    idleCacheSize,
    logger: silentLogger,
    onResolved: (s, isNew) => resolved.push({ s, isNew }),
  });
}

const rec = (name: string, schema = STORED_SCHEMA): SeriesRecord => ({ id: seriesId({ name, tags: {} }), metric: { name, tags: {} }, schema, lastWrite: NOW - 100 });

describe('series table', () => {
  it('admits unknown names as pending, resolves them with one registry round trip per burst, the stored schema winning', async () => {
    const r = await countingRegistry();
    try {
      await r.real.put([rec('known.a')]);
      const resolved: Array<{ s: SeriesState; isNew: boolean }> = [];
      const t = table(r.registry, 100, resolved);
      const a = t.admit('known.a')!;
      const b = t.admit('fresh.b')!;
      assert.equal(t.admit('bad..name'), undefined);
      assert.ok(a.pending !== null && b.pending !== null);
      assert.deepEqual(a.schema, RULES_SCHEMA, 'the rules schema stands in until the registry answers');
      await t.settled();
      assert.deepEqual(r.calls.getMany, [2]);
      assert.deepEqual(
        resolved.map(({ s, isNew }) => [s.name, isNew]),
        [
          ['known.a', false],
          ['fresh.b', true],
        ],
      );
      assert.deepEqual(a.schema, STORED_SCHEMA);
      assert.ok(a.restored && a.registered);
      assert.ok(!b.restored && !b.registered);
      assert.equal(a.pending, null);
    } finally {
      await r.destroy();
    }
  });

  it('with a store shared by several writers, a new series is restored (the store may hold its chunks) but not registered: the log defines it until the registry has it', async () => {
    const r = await countingRegistry();
    try {
      const t = new SeriesTable({ registry: r.registry, rules: { schemaFor: () => RULES_SCHEMA }, sharedStore: true, idleCacheSize: 10, logger: silentLogger, onResolved: () => {} });
      const s = t.admit('shared.new')!;
      assert.ok(s.restored, 'only the store can say what it holds');
      assert.ok(!s.registered, 'every log record carries its definition until it is registered');
      await t.settled();
      assert.ok(!s.registered);
    } finally {
      await r.destroy();
    }
  });

  it('keeps pending points while the registry is unreachable and resolves them once it answers', async () => {
    const r = await countingRegistry();
    try {
      const resolved: string[] = [];
      const t = new SeriesTable({ registry: r.registry, rules: { schemaFor: () => RULES_SCHEMA }, sharedStore: false, idleCacheSize: 10, logger: silentLogger, onResolved: (s) => resolved.push(s.name) });
      r.calls.failing = true;
      const s = t.admit('later.x')!;
      t.holdPending(s, NOW, 1, NOW, 3);
      await t.settled();
      assert.deepEqual(resolved, []);
      assert.equal(t.pendingPoints, 1);
      assert.equal(t.minPendingSegment(), 3, 'its log segment stays pinned');
      r.calls.failing = false;
      // the retry comes on a timer
      for (let i = 0; i < 50 && resolved.length === 0; i++) await new Promise((res) => setTimeout(res, 50));
      await t.settled();
      assert.deepEqual(resolved, ['later.x']);
      assert.equal(t.pendingPoints, 0);
      assert.equal(t.minPendingSegment(), Infinity);
      t.close();
    } finally {
      await r.destroy();
    }
  });

  it('looks series up for reads in one round trip, shares lookups in flight, and evicts idle series beyond its bound', async () => {
    const r = await countingRegistry();
    try {
      await r.real.put(Array.from({ length: 10 }, (_, i) => rec(`read.s${i}`)));
      const t = table(r.registry, 4);
      const names = Array.from({ length: 10 }, (_, i) => `read.s${i}`);
      const [first, second] = await Promise.all([t.lookupMany([...names, 'read.none']), t.lookup('read.s3')]);
      assert.deepEqual(r.calls.getMany, [11]);
      assert.deepEqual(first.map((s) => s?.name), [...names, undefined]);
      assert.equal(second, first[3]);
      // ten idle series read, four kept: the least recently used went
      assert.equal(t.size, 4);
      assert.equal(t.idleCount, 4);
      assert.equal(t.getByName('read.s0'), undefined);
      assert.equal(t.getByName('read.s9')?.name, 'read.s9');
      // an evicted one comes back from the registry
      assert.equal((await t.lookup('read.s0'))?.name, 'read.s0');
      assert.deepEqual(r.calls.getMany, [11, 1]);
    } finally {
      await r.destroy();
    }
  });

  it('files a tagged series under every raw tag order written, and forgets them all with it', async () => {
    const r = await countingRegistry();
    try {
      const t = table(r.registry, 0);
      const s = t.admit('cpu;b=2;a=1')!;
      assert.equal(t.admit('cpu;a=1;b=2'), s);
      assert.equal(t.getByName('cpu;b=2;a=1'), s);
      await t.settled();
      t.remove(s);
      assert.equal(t.getByName('cpu;b=2;a=1'), undefined);
      assert.equal(t.getByName('cpu;a=1;b=2'), undefined);
    } finally {
      await r.destroy();
    }
  });
});

describe('storage engine: series looked up on demand', () => {
  it('a series written before a restart is not in memory after it, yet answers reads and takes writes with its stored schema', async () => {
    const first = await openStorage({ retentions: [{ pattern: '.*', retentions: '10s:1d' }] });
    first.engine.write('lazy.a', 1, NOW - 60);
    first.engine.commit();
    await first.svc.stop();
    // a restart with other rules: the series keeps the 10 s it was first stored with
    const st = await openStorage({ retentions: [{ pattern: '.*', retentions: '60s:7d' }], memory: { seriesCacheSize: 0 } }, NOW, first.dataDir);
    try {
      assert.equal(st.engine.seriesCount, 0, 'start-up loads nothing');
      const r = await st.reader.fetch('lazy.a', NOW - 120, NOW, NOW);
      assert.ok(r);
      assert.equal(r.step, 10);
      assert.deepEqual(valuesOf(r.values).filter((v) => v !== null), [1]);
      st.engine.write('lazy.a', 2, NOW - 30);
      st.engine.write('lazy.b', 3, NOW - 30);
      st.engine.commit();
      await st.engine.flush({ all: true });
      const a = await st.reader.fetch('lazy.a', NOW - 120, NOW, NOW);
      assert.equal(a?.step, 10);
      assert.deepEqual(valuesOf(a!.values).filter((v) => v !== null), [1, 2]);
      assert.equal((await st.reader.fetch('lazy.b', NOW - 120, NOW, NOW))?.step, 60);
    } finally {
      await st.destroy();
    }
  });
});
