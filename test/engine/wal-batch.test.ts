import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeWalBatch, WalBatchWriter, type WalSeries } from '../../src/engine/wal/wal-batch.js';

const schema = { retentions: [{ step: 10, retention: 86400 }, { step: 60, retention: 30 * 86400 }], aggregation: 'max' as const, xFilesFactor: 0.25 };

function series(i: number, registered: boolean): WalSeries {
  return { hi: (i * 2654435761) >>> 0, lo: (i * 40503) >>> 0, name: `s.${i};k=ü${i}`, schema, registered, batchEpoch: 0, batchIndex: 0, walDefinition: null };
}

describe('write-ahead log batch records', () => {
  it('round-trip points, series and definitions (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(20), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double()), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 2 ** 32 }),
        (points, now) => {
          const all = Array.from({ length: 21 }, (_, i) => series(i, i % 3 !== 0));
          const w = new WalBatchWriter();
          for (const [i, dt, v] of points) w.point(all[i], now + dt, v, now);
          const b = decodeWalBatch(w.take().slice());
          assert.equal(b.now, now);
          const got: Array<[number, number, number]> = [];
          b.points((idx, ts, v) => got.push([idx, ts, v]));
          assert.equal(got.length, points.length);
          got.forEach(([idx, ts, v], k) => {
            const [i, dt, value] = points[k];
            assert.deepEqual([b.hi(idx), b.lo(idx)], [all[i].hi, all[i].lo]);
            assert.equal(ts, now + dt);
            assert.ok(Object.is(v, value));
            if (all[i].registered) assert.equal(b.definition(idx), null);
            else assert.deepEqual(b.definition(idx), { name: all[i].name, schema });
          });
        },
      ),
    );
  });

  it('starts a fresh batch after take (series indexes restart)', () => {
    const w = new WalBatchWriter();
    const a = series(1, true);
    const b = series(2, true);
    w.point(a, 100, 1, 100);
    w.point(b, 100, 2, 100);
    w.take();
    assert.equal(w.isEmpty, true);
    w.point(b, 110, 3, 110);
    const d = decodeWalBatch(w.take().slice());
    assert.equal(d.count, 1);
    assert.equal(d.hi(0), b.hi);
  });
});
