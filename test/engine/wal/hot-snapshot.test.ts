import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../../src/lib/logger.js';
import { RawBuckets, RollupBuckets } from '../../../src/series/buckets.js';
import { parseMetricName } from '../../../src/series/name.js';
import type { StorageSchema } from '../../../src/series/types.js';
import { SeriesTable } from '../../../src/engine/table/series-table.js';
import type { SeriesState } from '../../../src/engine/table/series-state.js';
import { PointRouter } from '../../../src/engine/write/point-router.js';
import { encodeHotSnapshot, HotSnapshot } from '../../../src/engine/wal/hot-snapshot.js';
import { RawHotChunk, RollupHotChunk } from '../../../src/engine/hot/hot-chunks.js';

const NOW = 1795316580;
const SCHEMA: StorageSchema = { retentions: [{ step: 10, retention: 86400 }, { step: 60, retention: 30 * 86400 }], aggregation: 'sum', xFilesFactor: 0 };
const OTHER: StorageSchema = { retentions: [{ step: 1, retention: 3600 }], aggregation: 'max', xFilesFactor: 0.5 };

function newTable(): SeriesTable {
  return new SeriesTable({
    registry: { getMany: async (ids) => ids.map(() => undefined) },
    rules: { schemaFor: (name) => (name.startsWith('other.') ? OTHER : SCHEMA) },
    sharedStore: false,
    idleCacheSize: 1000,
    logger: silentLogger,
    onResolved: () => {},
  });
}

/** A table whose series hold what a running engine would: written through the point router. */
function writtenTable(): { table: SeriesTable; series: SeriesState[] } {
  const t = newTable();
  const router = new PointRouter(() => {});
  const series: SeriesState[] = [];
  const make = (name: string, segment: number, points: Array<[number, number]>) => {
    const parsed = parseMetricName(name);
    assert.ok(parsed.ok);
    const s = t.restore(parsed.metric, name.startsWith('other.') ? OTHER : SCHEMA, { id: '', metric: parsed.metric, schema: name.startsWith('other.') ? OTHER : SCHEMA, lastWrite: NOW - 7200 }).s;
    for (const [ts, v] of points) router.apply(s, ts, v, NOW, segment);
    series.push(s);
  };
  // in order over two windows, the last point held back
  make('snap.inorder', 3, [...Array.from({ length: 900 }, (_, k): [number, number] => [NOW - 9000 + 10 * k, k * 0.5])]);
  // out of order: overwrites behind the encoder's last point become patches
  make('snap.patched', 4, [
    [NOW - 100, 1],
    [NOW - 50, 2],
    [NOW - 10, 3],
    [NOW - 80, 4],
    [NOW - 100, 5],
    [NOW - 120, 6],
    [NOW - 50, 7],
  ]);
  // two days back: past the 10 s retention, into the 60 s one
  make('snap.rollup', 5, [
    [NOW - 2 * 86400, 8],
    [NOW - 2 * 86400 + 60, -0],
    [NOW - 2 * 86400 + 120, Infinity],
  ]);
  make('snap.single', 6, [[NOW, NaN]]);
  make('snap.tagged;dc=eu;app=x', 7, [[NOW - 30, 1e-300]]);
  make('other.unicodé', 8, [[NOW - 3, 42]]);
  series[1].registered = false;
  return { table: t, series };
}

/** Every bucket of every resolution of a series, as reads see them (hot chunks only). */
function reads(s: SeriesState): unknown[] {
  return s.levels.map((lv, level) => {
    if (lv === undefined) return null;
    const step = s.schema.retentions[level].step;
    const from = NOW - 3 * 86400 - ((NOW - 3 * 86400) % step);
    const n = (3 * 86400) / step + 2;
    return lv.hot.map((c) => {
      if (c instanceof RawHotChunk) {
        const b = new RawBuckets(from, step, n);
        c.overlay(b);
        return { start: c.start, end: c.end, seg: c.firstSegment, touched: c.touched, min: c.minTime, max: c.maxTime, values: Array.from(b.values, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v)) };
      }
      const r = c as RollupHotChunk;
      const b = new RollupBuckets(from, step, n);
      r.overlay(b);
      return { start: r.start, end: r.end, seg: r.firstSegment, min: r.minTime, max: r.maxTime, sum: Array.from(b.sum), count: Array.from(b.count), last: Array.from(b.last, (v) => (Object.is(v, -0) ? '-0' : v)) };
    });
  });
}

const decode = (parts: Uint8Array[] | null): HotSnapshot => {
  assert.ok(parts !== null, 'a snapshot was written');
  const snap = HotSnapshot.decode(Buffer.concat(parts));
  assert.ok(snap !== null);
  return snap;
};

describe('hot snapshot', () => {
  it('restores every series with its schema, flags and chunks as they were', () => {
    const { series } = writtenTable();
    const snap = decode(encodeHotSnapshot(series));
    assert.equal(snap.count, series.length);
    const t = newTable();
    const restored: Array<[string, number]> = [];
    t.attachSnapshot(snap, (s, points) => restored.push([s.name, points]));
    assert.equal(t.size, 0, 'nothing is made before it is asked for');
    while (t.restoreUntil(Infinity));
    assert.equal(t.size, series.length);
    assert.equal(t.restoring, false);
    for (const s of series) {
      const r = t.getByHash(s.hi, s.lo)!;
      assert.ok(r, s.name);
      assert.equal(r.name, s.name);
      assert.deepEqual(r.metric, s.metric);
      assert.deepEqual(r.schema, s.schema);
      assert.equal(r.registered, s.registered);
      assert.equal(r.persistedLastWrite, s.persistedLastWrite);
      assert.equal(r.lastWrite, s.lastWrite);
      assert.deepEqual(reads(r), reads(s), s.name);
    }
    assert.deepEqual(
      restored.map(([name]) => name),
      series.map((s) => s.name),
    );
    // the patched series: 5 distinct buckets
    assert.equal(restored.find(([name]) => name === 'snap.patched')![1], 5);
    assert.equal(restored.find(([name]) => name === 'snap.inorder')![1], 900);
  });

  it('a restored chunk takes further writes as the original does, out of order included', () => {
    const { series } = writtenTable();
    const t = newTable();
    t.attachSnapshot(decode(encodeHotSnapshot(series)), () => {});
    const router = new PointRouter(() => {});
    for (const s of series) {
      const r = t.getByHash(s.hi, s.lo)!;
      for (const x of [s, r]) {
        router.apply(x, NOW - 60, 11, NOW, 9);
        router.apply(x, NOW - 5000, 12, NOW, 9);
        router.apply(x, NOW + 10, 13, NOW, 9);
      }
      assert.deepEqual(reads(r), reads(s), s.name);
    }
  });

  it('restores a series on demand, by hash, raw name or lookup, before the rest', async () => {
    const { series } = writtenTable();
    const t = newTable();
    t.attachSnapshot(decode(encodeHotSnapshot(series)), () => {});
    assert.equal(t.getByName('snap.single'), undefined, 'the name table only knows restored series');
    const tagged = t.admit('snap.tagged;app=x;dc=eu');
    assert.equal(tagged?.name, 'snap.tagged;app=x;dc=eu');
    assert.equal(tagged?.pending, null, 'restored, not pending a registry lookup');
    assert.equal(t.size, 1);
    const [single] = await t.lookupMany(['snap.single']);
    assert.equal(single?.lastWrite, NOW);
    assert.equal(t.size, 2);
    assert.equal(t.restoring, true);
    // what a cluster peer's catch-up lists (StorageEngine.writtenSince) includes the rest
    assert.deepEqual(
      [...t.unrestoredSeries()].map((u) => [u.name, u.lastWrite]),
      series.filter((s) => !['snap.single', 'snap.tagged;app=x;dc=eu'].includes(s.name)).map((s) => [s.name, s.lastWrite]),
    );
    while (t.restoreUntil(Infinity));
    assert.equal(t.size, series.length, 'each series once');
  });

  it('a stop before the restore ended carries the series not restored yet', () => {
    const { series } = writtenTable();
    const t = newTable();
    t.attachSnapshot(decode(encodeHotSnapshot(series)), () => {});
    const first = t.getByHash(series[0].hi, series[0].lo)!;
    const router = new PointRouter(() => {});
    router.apply(first, NOW - 20, 99, NOW, 10);
    router.apply(series[0], NOW - 20, 99, NOW, 10);
    const again = decode(encodeHotSnapshot([...t.values()], t.unrestored()));
    assert.equal(again.count, series.length);
    const t2 = newTable();
    t2.attachSnapshot(again, () => {});
    while (t2.restoreUntil(Infinity));
    for (const s of series) assert.deepEqual(reads(t2.getByHash(s.hi, s.lo)!), reads(s), s.name);
  });

  it('gives up past its size limit, so that the stop writes the series checkpoint', () => {
    const { series } = writtenTable();
    assert.equal(encodeHotSnapshot(series, null, 300), null);
    assert.ok(encodeHotSnapshot(series, null, 1e6) !== null);
  });

  it('is not read from a series checkpoint or damaged rows', () => {
    assert.equal(HotSnapshot.decode(new Uint8Array([2, 0, 0])), null);
    const parts = encodeHotSnapshot(writtenTable().series)!;
    const bytes = Buffer.concat(parts);
    assert.throws(() => HotSnapshot.decode(bytes.subarray(0, bytes.length - 1)), /hot snapshot of/);
  });
});
