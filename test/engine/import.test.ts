import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SeriesImport } from '../../src/engine/import/series-importer.js';
import type { StorageSchema } from '../../src/series/types.js';
import { NOW, openStorage, valuesOf } from './helpers.js';

// The engine's import: series with their own schema, points written at each resolution as given,
// read back at each resolution as given, hot, after a flush and after a restart.

const SCHEMA: StorageSchema = {
  retentions: [
    { step: 10, retention: 3600 },
    { step: 60, retention: 6 * 3600 },
    { step: 600, retention: 2 * 86400 },
  ],
  aggregation: 'average',
  xFilesFactor: 0.5,
};

/** Points of `step` from `from` (seconds before NOW, aligned) to NOW, value f(t); every 7th left out. */
function level(step: number, from: number, f: (t: number) => number) {
  const times: number[] = [];
  const values: number[] = [];
  const start = NOW - (NOW % step) - from;
  for (let t = start; t <= NOW; t += step) {
    if ((t / step) % 7 === 3) continue;
    times.push(t);
    values.push(f(t));
  }
  return { times, values };
}

/**
 * Three archives whose coarser values are not what carbyne would compute from the finer ones
 * (whisper's averages of averages, or anything a file holds): they must read back unchanged.
 */
function series(name: string): SeriesImport {
  return {
    name,
    schema: SCHEMA,
    levels: [level(10, 3500, (t) => (t % 97) / 4), level(60, 6 * 3600 - 60, (t) => 1000 + (t % 89)), level(600, 2 * 86400 - 600, (t) => -5 - (t % 83))],
  };
}

/** What a read of [from, until] answers, as points (time -> value) with the step. */
async function read(engine: { readonly reader: { fetch(n: string, f: number, u: number, now: number): Promise<unknown> } }, name: string, from: number, until = NOW) {
  const got = (await engine.reader.fetch(name, from, until, NOW)) as { start: number; step: number; values: Float64Array } | null;
  assert.ok(got !== null);
  const points = new Map<number, number>();
  valuesOf(got.values).forEach((v, i) => {
    if (v !== null) points.set(got.start + i * got.step, v);
  });
  return { step: got.step, points };
}

/** The imported points of a level that a read of [from, NOW] at that level must answer. */
function expected(item: SeriesImport, lvl: number, from: number): Map<number, number> {
  const { times, values } = item.levels[lvl];
  const { step } = SCHEMA.retentions[lvl];
  const first = from - (from % step) + step;
  const out = new Map<number, number>();
  for (let k = 0; k < times.length; k++) if (times[k] >= first && times[k] <= NOW) out.set(times[k], values[k]);
  return out;
}

/** Ranges that select each resolution: 30 min (10 s), 5 h (60 s), 40 h (600 s). */
const RANGES = [
  { level: 0, from: NOW - 1800 },
  { level: 1, from: NOW - 5 * 3600 },
  { level: 2, from: NOW - 40 * 3600 },
];

async function assertReadsAsImported(st: Awaited<ReturnType<typeof openStorage>>, item: SeriesImport, when: string): Promise<void> {
  for (const r of RANGES) {
    const got = await read(st, item.name, r.from);
    assert.equal(got.step, SCHEMA.retentions[r.level].step, when);
    assert.deepEqual(got.points, expected(item, r.level, r.from), `${when}: resolution ${got.step}s`);
  }
}

test('imported archives read back as given at every resolution: right after the import, after a flush, after a restart', async () => {
  const st = await openStorage();
  try {
    const items = [series('imp.a'), series('imp.b;dc=eu')];
    const outcomes = await st.engine.importSeries(items);
    const total = items[0].levels.reduce((n, l) => n + l.times.length, 0);
    assert.deepEqual(outcomes, [
      { status: 'imported', points: total, tooOld: 0 },
      { status: 'imported', points: total, tooOld: 0 },
    ]);
    for (const item of items) await assertReadsAsImported(st, item, 'imported');
    assert.deepEqual(await st.svc.backends.tagIndex.findSeries(['dc=eu']), ['imp.b;dc=eu'], 'the index knows the series');
    const found = [];
    for await (const n of st.svc.backends.index.find('imp.*')) found.push(n.path);
    assert.deepEqual(found, ['imp.a']);
    await st.engine.flush({ all: true });
    for (const item of items) await assertReadsAsImported(st, item, 'flushed');
    await st.reopen();
    for (const item of items) await assertReadsAsImported(st, item, 'restarted');
    const rec = await st.svc.backends.registry.get((await st.engine.lookup('imp.a'))!.id);
    assert.deepEqual(rec?.schema, SCHEMA, 'the registry keeps the imported schema');
    assert.equal(rec?.lastWrite, NOW, 'the last write is the newest imported point');
    assert.equal(st.stats.counter('engine.points_imported').value, 0, 'a new process counts its own');
  } finally {
    await st.destroy();
  }
});

test('a live point into an imported window wins at its resolution and, flushed, recomputes only the coarser buckets it touches', async () => {
  const st = await openStorage();
  try {
    const item = series('imp.live');
    await st.engine.importSeries([item]);
    const t = NOW - 600 - (NOW % 60); // a 60 s bucket start with imported data around it
    st.engine.write('imp.live', 5000, t + 10);
    st.engine.commit();
    let fine = await read(st, 'imp.live', NOW - 1800);
    assert.equal(fine.points.get(t + 10), 5000);
    await st.engine.flush({ all: true });
    fine = await read(st, 'imp.live', NOW - 1800);
    assert.equal(fine.points.get(t + 10), 5000);
    const coarse = await read(st, 'imp.live', NOW - 5 * 3600);
    const imported = expected(item, 1, NOW - 5 * 3600);
    // the touched bucket is the average of its 10 s points (imported ones and the live one)
    const inBucket = [...expected(item, 0, NOW - 3600)].filter(([u]) => u >= t && u < t + 60 && u !== t + 10).map(([, v]) => v);
    const avg = (inBucket.reduce((a, b) => a + b, 0) + 5000) / (inBucket.length + 1);
    assert.ok(Math.abs(coarse.points.get(t)! - avg) < 1e-9, `${coarse.points.get(t)} vs ${avg}`);
    for (const [u, v] of imported) if (u !== t) assert.equal(coarse.points.get(u), v, `bucket ${u} keeps the imported value`);
  } finally {
    await st.destroy();
  }
});

test('importing again overwrites the same points; a series stored with another schema is skipped; bad input is skipped with its reason', async () => {
  const st = await openStorage({ retentions: [{ pattern: '^ruled\\.', retentions: '10s:1h' }] });
  try {
    const item = series('imp.again');
    await st.engine.importSeries([item]);
    const changed: SeriesImport = { ...item, levels: item.levels.map((l) => ({ times: l.times, values: Array.from(l.values, (v) => v + 1) })) };
    await st.reopen();
    const [again] = await st.engine.importSeries([changed]);
    assert.equal(again.status, 'imported');
    await assertReadsAsImported(st, changed, 'imported again');

    st.engine.write('ruled.x', 1, NOW);
    st.engine.commit();
    await st.engine.flush();
    const [other] = await st.engine.importSeries([{ ...series('ruled.x') }]);
    assert.equal(other.status, 'skipped');
    assert.match((other as { reason: string }).reason, /exists with another schema: 10s:3600s average/);

    const bad = (patch: Partial<SeriesImport>): SeriesImport => ({ ...series('imp.bad'), ...patch });
    const outcomes = await st.engine.importSeries([
      bad({ name: 'no..good' }),
      bad({ schema: { ...SCHEMA, retentions: [{ step: 60, retention: 3600 }, { step: 90, retention: 7200 }] }, levels: [{ times: [], values: [] }, { times: [], values: [] }] }),
      bad({ levels: [item.levels[0]] }),
      bad({ levels: [{ times: [NOW - 5], values: [1] }, item.levels[1], item.levels[2]] }),
      bad({ schema: { ...SCHEMA, xFilesFactor: 2 } }),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['skipped', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
    const reasons = outcomes.map((o) => (o as { reason: string }).reason);
    assert.match(reasons[0], /invalid metric name/);
    assert.match(reasons[1], /not a multiple of 60s/);
    assert.match(reasons[2], /1 lists of points for 3 resolutions/);
    assert.match(reasons[3], /not aligned/);
    assert.match(reasons[4], /xFilesFactor 2/);
    assert.equal(await st.engine.lookup('imp.bad'), undefined);
  } finally {
    await st.destroy();
  }
});

test('points older than their resolution\'s retention are left out and counted', async () => {
  const st = await openStorage();
  try {
    const item: SeriesImport = {
      name: 'imp.old',
      schema: SCHEMA,
      levels: [
        { times: [NOW - 3600 - (NOW % 10), NOW - 3590 - (NOW % 10), NOW - (NOW % 10)], values: [1, 2, 3] },
        { times: [NOW - 6 * 3600 - (NOW % 60)], values: [4] },
        { times: [], values: [] },
      ],
    };
    assert.deepEqual(await st.engine.importSeries([item]), [{ status: 'imported', points: 2, tooOld: 2 }]);
  } finally {
    await st.destroy();
  }
});

test('many imports at once share rounds and all land', async () => {
  const st = await openStorage();
  try {
    const names = Array.from({ length: 300 }, (_, i) => `imp.many.s${i}`);
    const outcomes = await Promise.all(names.map((n) => st.engine.importSeries([series(n)])));
    assert.ok(outcomes.every(([o]) => o.status === 'imported'));
    await st.reopen();
    for (const n of [names[0], names[150], names[299]]) await assertReadsAsImported(st, series(n), n);
  } finally {
    await st.destroy();
  }
});
