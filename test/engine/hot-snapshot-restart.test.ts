import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WriteStatus } from '../../src/engine/point-writer.js';
import { NOW, openStorage, valuesOf } from './helpers.js';

const CONFIG = {
  retentions: [{ pattern: '.*', retentions: '10s:1d,60s:30d' }],
  // a stop only syncs the log and writes the hot snapshot
  flush: { onStop: false },
};

/** What each series holds, as points: in order, out of order, overwritten, and past the finest retention. */
const WRITES: Array<[string, Array<[number, number]>]> = [
  ['snap.inorder', Array.from({ length: 800 }, (_, k): [number, number] => [NOW - 8000 + 10 * k, k / 4])],
  [
    'snap.patched',
    [
      [NOW - 100, 1],
      [NOW - 50, 2],
      [NOW - 10, 3],
      [NOW - 80, 4],
      [NOW - 100, 5],
      [NOW - 130, 6],
    ],
  ],
  [
    'snap.backfill',
    [
      [NOW - 2 * 86400, 7],
      [NOW - 2 * 86400 + 60, 8],
    ],
  ],
  ['snap.tagged;dc=eu;app=x', [[NOW - 20, 9]]],
  ...Array.from({ length: 300 }, (_, i): [string, Array<[number, number]>] => [`snap.many.s${i}`, [[NOW - 40, i]]]),
];
const POINTS = WRITES.reduce((n, [, points]) => n + new Set(points.map(([t]) => t)).size, 0);

type Storage = Awaited<ReturnType<typeof openStorage>>;

const singleWriter = (st: Storage) => st.svc.backends.store.singleWriter;

/**
 * The start restored every written point from the snapshot and replayed none; with a store that
 * several writers share (the Cassandra suites), where the snapshot is not trusted, the other way
 * round (the log holds each point `logged` times: the replays of earlier starts log nothing).
 */
function assertStarted(st: Storage, logged: number): void {
  const restored = st.stats.counter('engine.points_restored').value;
  const replayed = st.stats.counter('engine.points_replayed').value;
  if (singleWriter(st)) assert.deepEqual({ restored, replayed }, { restored: POINTS, replayed: 0 });
  else assert.deepEqual({ restored, replayed: replayed / logged >= POINTS }, { restored: 0, replayed: true });
}

/** Every series read at both resolutions. */
async function readEverything(st: Storage): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [name] of WRITES) {
    for (const from of [NOW - 9000, NOW - 3 * 86400]) {
      const r = await st.reader.fetch(name, from, NOW, NOW);
      assert.ok(r, name);
      out.push({ name, step: r.step, start: r.start, values: valuesOf(r.values) });
    }
  }
  return out;
}

/** Writes every series (each point accepted) and returns what reads of them answer. */
async function writeEverything(st: Storage): Promise<unknown[]> {
  for (const [name, points] of WRITES) for (const [t, v] of points) assert.equal(st.engine.write(name, v, t), WriteStatus.Accepted);
  st.engine.commit();
  await st.engine.settled();
  return readEverything(st);
}

describe('storage engine: restart from a hot snapshot', () => {
  it('answers with every hot point after a stop without flushing, restoring series on demand and in the background, replaying nothing', async () => {
    const st = await openStorage(CONFIG);
    try {
      const before = await writeEverything(st);
      await st.reopen();
      if (singleWriter(st)) {
        // nothing is restored before the first turn of the event loop after the start, but what a read asks for
        assert.equal(st.engine.seriesCount, 0);
        const one = await st.reader.fetch('snap.patched', NOW - 600, NOW, NOW);
        assert.deepEqual(valuesOf(one!.values).filter((v) => v !== null), [6, 5, 4, 2, 3]);
        assert.equal(st.engine.seriesCount, 1);
      }
      assert.deepEqual(await readEverything(st), before);
      assertStarted(st, 1);

      // a restored series takes new points into its restored chunk
      st.engine.write('snap.patched', 10, NOW - 40);
      st.engine.write('snap.patched', 11, NOW);
      st.engine.commit();
      const patched = await st.reader.fetch('snap.patched', NOW - 600, NOW + 10, NOW);
      assert.deepEqual(valuesOf(patched!.values).filter((v) => v !== null), [6, 5, 4, 2, 10, 3, 11]);
    } finally {
      await st.destroy();
    }
  });

  it('a stop before the background restore has run keeps every series it did not restore', async () => {
    const st = await openStorage(CONFIG);
    try {
      const before = await writeEverything(st);
      await st.reopen();
      if (singleWriter(st)) assert.equal(st.stats.counter('engine.points_restored').value, 0, 'stopped before any restore');
      await st.reopen();
      assert.deepEqual(await readEverything(st), before);
      assertStarted(st, 1);
    } finally {
      await st.destroy();
    }
  });

  it('flushes once the restore is over, and persists what it restored', async () => {
    const st = await openStorage(CONFIG);
    try {
      const before = await writeEverything(st);
      await st.reopen();
      // the flush waits for the restore, then persists the closed windows (the backfill, the old in-order points)
      const outcome = await st.engine.flush();
      assert.ok(outcome.chunks > 0, 'closed windows were flushed');
      assert.equal(st.engine.seriesCount, WRITES.length);
      assert.deepEqual(await readEverything(st), before);
    } finally {
      await st.destroy();
    }
  });
});
