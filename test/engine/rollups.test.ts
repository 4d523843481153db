import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { RollupBuckets } from '../../src/series/buckets.js';
import type { SourceSeries } from '../../src/engine/read/level-source.js';
import { NOW, openStorage, valuesOf } from './helpers.js';
import { numbersClose } from '../helpers/compare.js';

const RULES = {
  retentions: [{ pattern: '^r\\.', retentions: '10s:1d,60s:30d,600s:1y' }],
  aggregations: [
    { pattern: '\\.sum$', method: 'sum' as const },
    { pattern: '\\.min$', method: 'min' as const },
    { pattern: '\\.max$', method: 'max' as const },
    { pattern: '\\.last$', method: 'last' as const },
    { pattern: '\\.count$', method: 'count' as const },
    { pattern: '\\.xff$', method: 'average' as const, xFilesFactor: 0.5 },
    { pattern: '.*', method: 'average' as const, xFilesFactor: 0 },
  ],
};

interface Rec {
  sum: number;
  min: number;
  max: number;
  last: number;
  count: number;
}

/** What every rollup bucket must hold: computed straight from the final raw values. */
function expectedRecords(raw: Map<number, number>, step: number): Map<number, Rec> {
  const out = new Map<number, Rec>();
  for (const t of [...raw.keys()].sort((a, b) => a - b)) {
    const v = raw.get(t)!;
    const b = t - (t % step);
    const r = out.get(b);
    if (!r) out.set(b, { sum: v, min: v, max: v, last: v, count: 1 });
    else {
      r.sum += v;
      r.min = Math.min(r.min, v);
      r.max = Math.max(r.max, v);
      r.last = v;
      r.count++;
    }
  }
  return out;
}

function assertRecords(actual: RollupBuckets, expected: Map<number, Rec>, what: string): void {
  for (let i = 0; i < actual.length; i++) {
    const t = actual.start + i * actual.step;
    const e = expected.get(t);
    const a = actual.record(i);
    if (!e) {
      assert.equal(a, undefined, `${what}: bucket ${t} should be empty`);
      continue;
    }
    assert.ok(a, `${what}: bucket ${t} missing`);
    for (const k of ['sum', 'min', 'max', 'last', 'count'] as const) {
      assert.ok(numbersClose(a[k], e[k]), `${what}: bucket ${t} ${k} ${a[k]} != ${e[k]}`);
    }
  }
}

describe('storage engine: rollups', () => {
  let st: Awaited<ReturnType<typeof openStorage>>;
  before(async () => {
    st = await openStorage(RULES);
  });
  after(async () => {
    await st.destroy();
  });

  let serial = 0;

  it('rollups equal sum/min/max/last/count of the raw points, before and after flushing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * 3600 }), fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 3 }),
        async (points, flushAt) => {
          const name = `r.prop${serial++}`;
          const raw = new Map<number, number>();
          const split = Math.floor((points.length * flushAt) / 4);
          for (let k = 0; k < points.length; k++) {
            if (k === split && flushAt > 0) {
              st.engine.commit();
              await st.engine.flush({ all: flushAt === 3 });
            }
            const [age, v] = points[k];
            const ts = NOW - age;
            st.engine.write(name, v, ts);
            raw.set(ts - (ts % 10), v);
          }
          st.engine.commit();
          const s = (await st.engine.lookup(name))!;
          const from60 = NOW - 4 * 3600 - ((NOW - 4 * 3600) % 600);
          const until600 = NOW - (NOW % 600) + 600;
          const check = async (what: string) => {
            assertRecords(await st.engine.readRollup(s, 1, from60, until600), expectedRecords(raw, 60), `${what} 60s`);
            assertRecords(await st.engine.readRollup(s, 2, from60, until600), expectedRecords(raw, 600), `${what} 600s`);
          };
          await check('hot');
          await st.engine.flush({ all: true });
          await check('flushed');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('each aggregation method reads its field of the record', async () => {
    const values = [3, 1, 4, 1, 5]; // at NOW-600+10 .. : inside one 60 s bucket
    const base = NOW - 600;
    const expected: Record<string, number> = { sum: 14, min: 1, max: 5, last: 5, count: 5, avg: 14 / 5 };
    for (const m of Object.keys(expected)) {
      values.forEach((v, i) => st.engine.write(`r.method.${m}`, v, base + i * 10));
    }
    st.engine.commit();
    for (const flushed of [false, true]) {
      if (flushed) await st.engine.flush({ all: true });
      for (const [m, want] of Object.entries(expected)) {
        // from two days back: the 60 s resolution answers
        const r = await st.reader.fetch(`r.method.${m}`, NOW - 2 * 86400, NOW, NOW);
        assert.ok(r);
        assert.equal(r.step, 60);
        const i = (base - r.start) / 60;
        assert.ok(numbersClose(r.values[i], want), `${m} (flushed ${flushed}): ${r.values[i]} != ${want}`);
      }
    }
  });

  it('applies the xFilesFactor as whisper propagates: known finer buckets / finer buckets per bucket', async () => {
    const b = NOW - 1200; // a 60 s bucket: six 10 s buckets
    for (const [i, v] of [
      [0, 1],
      [1, 2],
    ]) st.engine.write('r.sparse.xff', v, b + i * 10); // 2/6 < 0.5: no value
    for (const [i, v] of [
      [0, 1],
      [2, 2],
      [4, 6],
    ]) st.engine.write('r.dense.xff', v, b + i * 10); // 3/6 >= 0.5
    st.engine.commit();
    for (const flushed of [false, true]) {
      if (flushed) await st.engine.flush({ all: true });
      const sparse = await st.reader.fetch('r.sparse.xff', NOW - 2 * 86400, NOW, NOW);
      const dense = await st.reader.fetch('r.dense.xff', NOW - 2 * 86400, NOW, NOW);
      const i = (b - sparse!.start) / 60;
      assert.equal(sparse!.values[i], NaN, `sparse (flushed ${flushed})`);
      assert.equal(dense!.values[i], 3, `dense (flushed ${flushed})`);
    }
  });

  it('writes points older than the finest retention straight to the rollup resolution (last write wins)', async () => {
    const t = NOW - 3 * 86400; // 60 s resolution
    st.engine.write('r.direct', 1, t);
    st.engine.write('r.direct', 2, t + 10); // same 60 s bucket: replaces
    st.engine.write('r.direct', 7, t + 60);
    st.engine.write('r.direct.count', 42, t); // a count already: kept as such
    const old = NOW - 40 * 86400; // 600 s resolution only
    st.engine.write('r.direct', 5, old);
    st.engine.commit();
    for (const flushed of [false, true]) {
      if (flushed) await st.engine.flush({ all: true });
      const r = await st.reader.fetch('r.direct', t - 60, t + 60, NOW);
      assert.equal(r!.step, 60);
      assert.deepEqual(valuesOf(r!.values), [2, 7], `flushed ${flushed}`);
      const c = await st.reader.fetch('r.direct.count', t - 60, t, NOW);
      assert.deepEqual(valuesOf(c!.values), [42]);
      const o = await st.reader.fetch('r.direct', old - 600, old, NOW);
      assert.equal(o!.step, 600);
      const s = (await st.engine.lookup('r.direct'))!;
      // the 60 s direct writes also roll up into the 600 s resolution
      const rr = await st.engine.readRollup(s, 2, t - (t % 600), t - (t % 600) + 600);
      assert.deepEqual(rr.record(0), { sum: 9, min: 2, max: 7, last: 7, count: 2 });
      assert.deepEqual(valuesOf(o!.values), [5]);
    }
  });

  it('backfill into a persisted window recomputes the rollups it touches', async () => {
    const b = NOW - 5 * 3600;
    b - (b % 60);
    const t0 = b - (b % 60);
    st.engine.write('r.refill.sum', 10, t0);
    st.engine.write('r.refill.sum', 20, t0 + 10);
    st.engine.commit();
    await st.engine.flush({ all: true });
    st.engine.write('r.refill.sum', 5, t0 + 20);
    st.engine.write('r.refill.sum', 1, t0); // overwrites 10
    st.engine.commit();
    const s = (await st.engine.lookup('r.refill.sum'))!;
    for (const flushed of [false, true]) {
      if (flushed) await st.engine.flush();
      const r = await st.engine.readRollup(s, 1, t0, t0 + 60);
      assert.deepEqual(r.record(0), { sum: 26, min: 1, max: 20, last: 5, count: 3 }, `flushed ${flushed}`);
    }
  });
});

describe('storage engine: rollup buckets straddling finer windows', () => {
  it('a 1 d bucket over many 2 h windows of 1 s data is exact, hot and flushed', async () => {
    const st = await openStorage({ retentions: [{ pattern: '.*', retentions: '1s:2d,1d:1y' }], aggregations: [{ pattern: '.*', method: 'sum' }] });
    try {
      const day = NOW - (NOW % 86400);
      const raw = new Map<number, number>();
      // points across the whole previous day and today, several windows each
      for (let t = day - 86400 + 1234; t < NOW; t += 3607) {
        st.engine.write('straddle.x', t % 97, t);
        raw.set(t, t % 97);
      }
      st.engine.commit();
      const s = (await st.engine.lookup('straddle.x'))!;
      const expected = expectedRecords(raw, 86400);
      assertRecords(await st.engine.readRollup(s, 1, day - 86400, day + 86400), expected, 'hot');
      await st.engine.flush();
      assertRecords(await st.engine.readRollup(s, 1, day - 86400, day + 86400), expected, 'partly flushed');
      await st.engine.flush({ all: true });
      assertRecords(await st.engine.readRollup(s, 1, day - 86400, day + 86400), expected, 'flushed');
      await st.reopen();
      assertRecords(await st.engine.readRollup((await st.engine.lookup('straddle.x'))!, 1, day - 86400, day + 86400), expected, 'reopened');
    } finally {
      await st.destroy();
    }
  });
});
