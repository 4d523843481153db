import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetricNode } from '../../src/finders/metric-index.js';
import { NOW, openStorage, valuesOf } from './helpers.js';

/** one hour of 10 s points: a series dies two hours (retention + the activity granularity) after its last point */
const RULES = { retentions: [{ pattern: '.*', retentions: '10s:1h' }] };

type Storage = Awaited<ReturnType<typeof openStorage>>;

async function found(st: Storage, pattern: string): Promise<string[]> {
  const out: string[] = [];
  for await (const n of st.svc.backends.index.find(pattern) as AsyncIterable<MetricNode>) out.push(n.path);
  return out.sort();
}

function advance(st: Storage, seconds: number): number {
  st.clock.advance(seconds);
  return st.clock.nowSeconds();
}

describe('storage engine: removal of series', () => {
  it('removes series idle for longer than their longest retention, on a clock, and keeps the living', async () => {
    const st = await openStorage(RULES);
    try {
      st.engine.write('dead.a', 1, NOW);
      st.engine.write('alive.b', 2, NOW);
      st.engine.commit();
      await st.engine.flush({ all: true });
      assert.deepEqual(await found(st, '*.*'), ['alive.b', 'dead.a']);

      // an hour and a half later alive.b is written again; nothing is dead yet
      let now = advance(st, 5400);
      st.engine.write('alive.b', 3, now);
      st.engine.commit();
      await st.engine.flush({ all: true });
      assert.equal(await st.engine.removeDeadSeries(), 0);

      // past two hours after dead.a's last point: it goes, alive.b (written 40 min ago) stays
      now = advance(st, 2400);
      assert.equal(await st.engine.removeDeadSeries(), 1);
      assert.deepEqual(await found(st, '*.*'), ['alive.b']);
      assert.equal(await st.svc.backends.registry.get((await st.engine.lookup('alive.b'))!.id).then((r) => r?.metric.name), 'alive.b');
      assert.equal(await st.reader.fetch('dead.a', now - 3000, now, now), null);
      assert.equal(await st.engine.lookup('dead.a'), undefined);
      const alive = await st.reader.fetch('alive.b', now - 3000, now, now);
      assert.ok(alive);
      assert.equal(alive.values[(now - 2400 - alive.start) / 10], 3);

      // removed is removed: the same run again finds nothing, and so does a restart
      assert.equal(await st.engine.removeDeadSeries(), 0);
      await st.reopen();
      assert.equal(await st.engine.lookup('dead.a'), undefined);
      assert.deepEqual(await found(st, '*.*'), ['alive.b']);
    } finally {
      await st.destroy();
    }
  });

  it('a dead series that comes back before its removal is kept; one that comes back after starts anew', async () => {
    const st = await openStorage(RULES);
    try {
      st.engine.write('back.early', 1, NOW);
      st.engine.write('back.late', 1, NOW);
      st.engine.commit();
      await st.engine.flush({ all: true });
      const now = advance(st, 3 * 3600);
      // back.early gets a point before the removal runs: it is alive again
      st.engine.write('back.early', 5, now);
      st.engine.commit();
      assert.equal(await st.engine.removeDeadSeries(), 1);
      assert.deepEqual(await found(st, 'back.*'), ['back.early']);
      // back.late comes back after: a new series, found and readable, with the new point only
      st.engine.write('back.late', 7, now);
      st.engine.commit();
      await st.engine.flush({ all: true });
      assert.deepEqual(await found(st, 'back.*'), ['back.early', 'back.late']);
      for (const [name, v] of [
        ['back.early', 5],
        ['back.late', 7],
      ] as const) {
        const r = await st.reader.fetch(name, now - 600, now, now);
        assert.ok(r, name);
        assert.deepEqual(valuesOf(r.values).filter((x) => x !== null), [v], name);
      }
    } finally {
      await st.destroy();
    }
  });

  it('a point arriving while its series is being removed starts the series anew once the removal is over', async () => {
    const st = await openStorage(RULES);
    try {
      for (let k = 0; k < 30; k++) st.engine.write('racing.x', k, NOW - 300 + k * 10);
      st.engine.commit();
      await st.engine.flush({ all: true });
      for (let k = 0; k < 5; k++) st.engine.write('racing.x', 100 + k, NOW - 40 + k * 10);
      st.engine.commit();
      // the store's delete is held until the new point has been written
      const store = st.svc.backends.store;
      const realDelete = store.delete.bind(store);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let deleting!: () => void;
      const deleteStarted = new Promise<void>((resolve) => (deleting = resolve));
      store.delete = async (id) => {
        deleting();
        await held;
        return realDelete(id);
      };
      const removal = st.engine.removeSeries([{ name: 'racing.x', tags: {} }]);
      await deleteStarted;
      st.engine.write('racing.x', 999, NOW);
      st.engine.commit();
      release();
      assert.equal(await removal, 1);
      store.delete = realDelete;
      await st.engine.flush({ all: true });
      const r = await st.reader.fetch('racing.x', NOW - 600, NOW, NOW);
      assert.ok(r);
      assert.deepEqual(valuesOf(r.values).filter((x) => x !== null), [999]);
      assert.deepEqual(await found(st, 'racing.*'), ['racing.x']);
      // and the same after a restart that replays the log (tombstone, then the new point)
      await st.reopen();
      const again = await st.reader.fetch('racing.x', NOW - 600, NOW, NOW);
      assert.ok(again);
      assert.deepEqual(valuesOf(again.values).filter((x) => x !== null), [999]);
    } finally {
      await st.destroy();
    }
  });

  it('removes a tagged series by any tag order, and what is not there counts nothing', async () => {
    const st = await openStorage(RULES);
    try {
      st.engine.write('disk.used;host=a;dc=eu', 1, NOW);
      st.engine.commit();
      await st.engine.flush({ all: true });
      assert.equal(await st.engine.removeSeries([{ name: 'disk.used', tags: { host: 'a', dc: 'eu' } }, { name: 'never.was', tags: {} }]), 1);
      assert.deepEqual(await st.svc.backends.tagIndex.findSeries(['name=disk.used']), []);
      assert.equal(await st.reader.fetch('disk.used;dc=eu;host=a', NOW - 60, NOW, NOW), null);
    } finally {
      await st.destroy();
    }
  });
});
