import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cannotPassTime, NOW, openStorage, passTime } from './helpers.js';

const RULES = { retentions: [{ pattern: '.*', retentions: '10s:1d,60s:30d' }] };

/** Writes `series` series of `points` points each in the open window; returns what was written. */
function fill(st: Awaited<ReturnType<typeof openStorage>>, prefix: string, series: number, points: number, value: (i: number, k: number) => number) {
  for (let i = 0; i < series; i++) {
    for (let k = 0; k < points; k++) st.engine.write(`${prefix}.s${i}`, value(i, k), NOW - (points - 1 - k) * 10);
  }
  st.engine.commit();
}

async function assertAll(st: Awaited<ReturnType<typeof openStorage>>, prefix: string, series: number, points: number, value: (i: number, k: number) => number) {
  for (let i = 0; i < series; i++) {
    const r = await st.reader.fetch(`${prefix}.s${i}`, NOW - points * 10, NOW, NOW);
    assert.ok(r);
    const got = Array.from(r.values.subarray(r.values.length - points));
    assert.deepEqual(got, Array.from({ length: points }, (_, k) => value(i, k)), `series ${i}`);
  }
}

describe('storage engine: memory bounds', () => {
  it('flushes the oldest chunks early when hot bytes exceed the budget, losing nothing', async () => {
    const st = await openStorage({ ...RULES, memory: { maxHotBytes: 20_000 } });
    try {
      const v1 = (i: number, k: number) => i * 1000 + k;
      fill(st, 'mem', 200, 30, v1);
      assert.ok(st.engine.hotBytes() > 20_000, `hot bytes ${st.engine.hotBytes()}`);
      const outcome = await st.engine.flush();
      assert.ok(outcome.chunks > 0, 'open windows were flushed early');
      assert.ok(st.engine.hotBytes() <= 20_000, `hot bytes after: ${st.engine.hotBytes()}`);
      await assertAll(st, 'mem', 200, 30, v1);
      // later points of the same windows merge with the partial chunks already stored
      const v2 = (i: number, k: number) => (k % 2 === 0 ? -i - k : v1(i, k));
      fill(st, 'mem', 200, 30, v2);
      await st.engine.flush();
      await assertAll(st, 'mem', 200, 30, v2);
      await st.reopen();
      await assertAll(st, 'mem', 200, 30, v2);
    } finally {
      await st.destroy();
    }
  });

  it('flushes whole series, least recently written first, beyond maxSeries', async () => {
    const st = await openStorage({ ...RULES, memory: { maxSeries: 50 } });
    try {
      const v = (i: number, k: number) => i + k / 10;
      fill(st, 'many', 120, 5, v);
      await st.engine.flush();
      let active = 0;
      for (let i = 0; i < 120; i++) if ((await st.engine.lookup(`many.s${i}`))!.hasHotData) active++;
      assert.ok(active <= 50, `active series ${active}`);
      await assertAll(st, 'many', 120, 5, v);
    } finally {
      await st.destroy();
    }
  });
});

describe('storage engine: expiry', () => {
  it('removes chunks once their resolution retention has passed', async (t) => {
    const st = await openStorage({ retentions: [{ pattern: '.*', retentions: '60s:1d' }] });
    try {
      const cannot = cannotPassTime(st);
      if (cannot) return t.skip(cannot);
      st.engine.write('exp.a', 1, NOW - 3600);
      st.engine.write('exp.b', 2, NOW - 60);
      st.engine.commit();
      await st.engine.flush({ all: true });
      assert.equal(await st.engine.expire(), 0, 'nothing is old yet');
      const r = await st.reader.fetch('exp.a', NOW - 7200, NOW, NOW);
      assert.equal(r!.values[(NOW - 3600 - r!.start) / 60], 1);
      const removed = await passTime(st, 3 * 86400);
      // LMDB says how many it removed; Cassandra's TTLs removed them as its clock moved
      if (removed !== null) assert.ok(removed >= 1);
      // read as of the original now: the data is gone from the store
      const gone = await st.reader.fetch('exp.a', NOW - 7200, NOW, NOW);
      assert.ok(gone!.values.every((x) => Number.isNaN(x)));
    } finally {
      await st.destroy();
    }
  });
});
