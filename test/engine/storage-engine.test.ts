import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WriteStatus } from '../../src/engine/point-writer.js';
import { NOW, openStorage, valuesOf } from './helpers.js';

const RULES = {
  retentions: [
    { pattern: '^fine\\.', retentions: '10s:1d,60s:30d,600s:1y' },
    { pattern: '^single\\.', retentions: '60s:1d' },
  ],
  aggregations: [
    { pattern: '\\.sum$', method: 'sum' as const, xFilesFactor: 0 },
    { pattern: '\\.xff$', method: 'average' as const, xFilesFactor: 0.5 },
    { pattern: '.*', method: 'average' as const, xFilesFactor: 0 },
  ],
};

describe('storage engine: writes and reads', () => {
  let st: Awaited<ReturnType<typeof openStorage>>;
  before(async () => {
    st = await openStorage(RULES);
  });
  after(async () => {
    await st.destroy();
  });

  const write = (name: string, points: Array<[number, number]>) => {
    for (const [t, v] of points) assert.equal(st.engine.write(name, v, t), WriteStatus.Accepted);
    st.engine.commit();
  };
  const read = async (name: string, from: number, until: number) => {
    const r = await st.reader.fetch(name, from, until, st.clock.nowSeconds());
    assert.ok(r, `series ${name} found`);
    return r;
  };

  it('reads hot points back, aligned as whisper fetches', async () => {
    write('fine.hot', [
      [NOW - 50, 1],
      [NOW - 40, 2],
      [NOW - 25, 3], // aligned down to NOW-30
      [NOW, 4],
    ]);
    const r = await read('fine.hot', NOW - 60, NOW);
    assert.equal(r.step, 10);
    assert.equal(r.start, NOW - 50);
    assert.equal(r.end, NOW + 10);
    assert.deepEqual(valuesOf(r.values), [1, 2, 3, null, null, 4]);
    assert.equal(r.name, 'fine.hot');
    assert.equal(r.aggregation, 'average');
  });

  it('reads the same after everything is persisted, and after a restart', async () => {
    write('fine.persisted', [
      [NOW - 7300, 5],
      [NOW - 7290, 6],
      [NOW - 20, 7],
    ]);
    const before = valuesOf((await read('fine.persisted', NOW - 7310, NOW)).values);
    const outcome = await st.engine.flush({ all: true });
    assert.ok(outcome.chunks >= 2, `chunks written: ${outcome.chunks}`);
    assert.equal(st.engine.hotBytes(), 0);
    assert.deepEqual(valuesOf((await read('fine.persisted', NOW - 7310, NOW)).values), before);
    await st.reopen();
    assert.deepEqual(valuesOf((await read('fine.persisted', NOW - 7310, NOW)).values), before);
    assert.equal(before[0], 5);
    assert.equal(before[1], 6);
    assert.equal(before[(NOW - 20 - (NOW - 7300)) / 10], 7);
  });

  it('merges stored and hot data, the hot value winning on overlap', async () => {
    write('fine.mixed', [
      [NOW - 100, 1],
      [NOW - 90, 2],
    ]);
    await st.engine.flush({ all: true });
    write('fine.mixed', [
      [NOW - 90, 20], // overwrites a persisted bucket
      [NOW - 80, 3],
    ]);
    assert.deepEqual(valuesOf((await read('fine.mixed', NOW - 110, NOW - 80)).values), [1, 20, 3]);
    await st.engine.flush({ all: true });
    assert.deepEqual(valuesOf((await read('fine.mixed', NOW - 110, NOW - 80)).values), [1, 20, 3]);
  });

  it('keeps the last write of a bucket, in order or not', async () => {
    write('fine.lww', [
      [NOW - 60, 1],
      [NOW - 55, 2], // same 10 s bucket: replaces 1
      [NOW - 30, 3],
      [NOW - 60, 4], // out of order into an encoded bucket
      [NOW - 40, 5], // out of order into an empty bucket
      [NOW - 30, 6], // the pending point again
    ]);
    assert.deepEqual(valuesOf((await read('fine.lww', NOW - 70, NOW - 30)).values), [4, null, 5, 6]);
  });

  it('accepts many points in reverse order (patches, then a rebuild of the chunk)', async () => {
    const pts: Array<[number, number]> = [];
    for (let i = 0; i < 300; i++) pts.push([NOW - i * 10, i]);
    write('fine.reverse', pts);
    const r = await read('fine.reverse', NOW - 3000, NOW);
    assert.deepEqual(valuesOf(r.values), Array.from({ length: 300 }, (_, k) => 299 - k));
    await st.engine.flush({ all: true });
    assert.deepEqual(valuesOf((await read('fine.reverse', NOW - 3000, NOW)).values), Array.from({ length: 300 }, (_, k) => 299 - k));
  });

  it('accepts backfill into a window already persisted', async () => {
    write('fine.backfill', [
      [NOW - 20000, 1],
      [NOW - 19990, 2],
    ]);
    await st.engine.flush();
    assert.equal(st.engine.hotBytes(), 0, 'a closed window leaves memory at the next flush');
    // read twice: the stored chunk is now held decoded, and must not hide what comes later
    const hits = st.stats.counter('engine.decoded_cache_hits');
    const before = hits.value;
    for (let i = 0; i < 2; i++) assert.deepEqual(valuesOf((await read('fine.backfill', NOW - 20010, NOW - 19980)).values), [1, 2, null]);
    assert.ok(hits.value > before, 'the second read was answered by the decoded chunk cache');
    write('fine.backfill', [[NOW - 19980, 3]]);
    await st.engine.flush();
    assert.deepEqual(valuesOf((await read('fine.backfill', NOW - 20010, NOW - 19980)).values), [1, 2, 3]);
  });

  it('rejects points older than every retention and drops NaN', () => {
    assert.equal(st.engine.write('fine.old', 1, NOW - 366 * 86400), WriteStatus.TooOld);
    assert.equal(st.engine.write('fine.old', NaN, NOW), WriteStatus.NaN);
    assert.equal(st.engine.write('bad..name', 1, NOW), WriteStatus.InvalidName);
    assert.equal(st.engine.write('fine.old', 1, -1), WriteStatus.Accepted);
    st.engine.commit();
  });

  it('timestamp -1 means now', async () => {
    st.engine.write('fine.now', 42, -1);
    st.engine.commit();
    const r = await read('fine.now', NOW - 10, NOW);
    assert.equal(r.values[r.values.length - 1], 42);
  });

  it('future points go to the finest resolution and show once their time has come', async () => {
    write('fine.future', [[NOW + 100, 9]]);
    const early = await read('fine.future', NOW - 10, NOW + 200);
    assert.equal(early.end, NOW + 10, 'until is clamped to now');
    await st.engine.flush();
    st.clock.advance(200);
    try {
      const later = await read('fine.future', NOW, NOW + 200);
      assert.equal(later.values[(NOW + 100 - later.start) / 10], 9);
    } finally {
      st.clock.advance(-200);
    }
  });

  it('a range wholly in the future or beyond the retention is no data, as whisper answers', async () => {
    write('single.range', [[NOW - 60, 1]]);
    assert.equal(await st.reader.fetch('single.range', NOW + 10, NOW + 100, NOW), null);
    assert.equal(await st.reader.fetch('single.range', NOW - 5 * 86400, NOW - 2 * 86400, NOW), null);
    assert.equal(await st.reader.fetch('no.such.series', NOW - 60, NOW, NOW), null);
  });

  it('finds tagged series by any tag order', async () => {
    write('tagged.x;b=2;a=1', [[NOW - 10, 7]]);
    const r = await read('tagged.x;a=1;b=2', NOW - 20, NOW);
    assert.equal(r.name, 'tagged.x;a=1;b=2');
    assert.deepEqual(r.tags, { a: '1', b: '2', name: 'tagged.x' });
    assert.equal(r.values[0], 7);
  });

  it('leaves the write-ahead log empty after a clean stop', async () => {
    write('fine.wal', [[NOW - 10, 1]]);
    await st.reopen();
    // the reopened log starts a fresh segment; the previous run left none behind
    const segments = readdirSync(join(st.dataDir, 'wal')).filter((f) => f.endsWith('.wal'));
    assert.ok(segments.length <= 1, `segments: ${segments}`);
    assert.equal((await read('fine.wal', NOW - 20, NOW)).values[0], 1);
  });
});
