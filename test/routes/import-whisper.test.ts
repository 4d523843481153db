import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock.js';
import { startTestApp } from '../helpers/app.js';

// POST /import/whisper/<name> on its own: answers and statuses, limits, and what a later live point
// does to an imported series.

const NOW = 1_800_000_000;
const METHOD = { average: 1, sum: 2, last: 3, max: 4, min: 5, avg_zero: 6 } as const;

/** A whisper file (whisper.py's layout) with `points` [time, value] in the archive of their step. */
function whisperFile(archives: Array<[number, number]>, method: keyof typeof METHOD, xff: number, points: Array<[number, number, number]>): Buffer {
  const header = 16 + 12 * archives.length;
  const size = header + archives.reduce((n, [, count]) => n + count * 12, 0);
  const buf = Buffer.alloc(size);
  buf.writeUInt32BE(METHOD[method], 0);
  buf.writeUInt32BE(Math.max(...archives.map(([s, n]) => s * n)), 4);
  buf.writeFloatBE(xff, 8);
  buf.writeUInt32BE(archives.length, 12);
  let offset = header;
  const offsets: number[] = [];
  archives.forEach(([step, count], k) => {
    buf.writeUInt32BE(offset, 16 + 12 * k);
    buf.writeUInt32BE(step, 20 + 12 * k);
    buf.writeUInt32BE(count, 24 + 12 * k);
    offsets.push(offset);
    offset += count * 12;
  });
  // whisper's layout: the first point of an archive is its base, the others at their distance from it
  const base = new Map<number, number>();
  for (const [k, t, v] of points) {
    const [step, count] = archives[k];
    if (!base.has(k)) base.set(k, t);
    const slot = ((((t - base.get(k)!) / step) % count) + count) % count;
    buf.writeUInt32BE(t, offsets[k] + slot * 12);
    buf.writeDoubleBE(v, offsets[k] + slot * 12 + 4);
  }
  return buf;
}

async function post(url: string, name: string | null, body: Buffer | string) {
  const res = await fetch(`${url}/import/whisper${name === null ? '' : `/${encodeURIComponent(name)}`}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown> };
}

async function values(url: string, target: string, from: number): Promise<Array<number | null>> {
  const res = await fetch(`${url}/render?target=${encodeURIComponent(target)}&from=${from}&until=${NOW}&format=json`);
  const [series] = (await res.json()) as Array<{ datapoints: Array<[number | null, number]> }>;
  return series.datapoints.map(([v]) => v);
}

const ARCHIVES: Array<[number, number]> = [
  [60, 60],
  [600, 144],
];
const T = NOW - 1800; // a 10-minute bucket start (NOW is a multiple of 600)

test('a whisper file is imported with its own schema; what cannot be imported answers 422 with why, too big 413', async () => {
  const app = await startTestApp({ limits: { import: { maxFileBytes: 4096 } } }, new ManualClock(NOW * 1000));
  try {
    const file = whisperFile(ARCHIVES, 'max', 0.5, [
      [0, T, 1],
      [0, T + 60, 7],
      [1, T, 99], // the file's own 600 s value, not the max of its 60 s points
    ]);
    let r = await post(app.url, 'imp.one', file);
    assert.deepEqual([r.status, r.body], [200, { name: 'imp.one', status: 'imported', points: 3, tooOld: 0 }]);
    assert.deepEqual((await values(app.url, 'imp.one', NOW - 1860)).slice(0, 3), [1, 7, null]);
    assert.ok((await values(app.url, 'imp.one', NOW - 7200)).includes(99));

    r = await post(app.url, 'imp.zero', whisperFile(ARCHIVES, 'avg_zero', 0, [[0, T, 1]]));
    assert.deepEqual([r.status, r.body.status, r.body.reason], [422, 'skipped', 'aggregation method avg_zero is not supported']);
    r = await post(app.url, 'imp.junk', 'not a whisper file at all');
    assert.equal(r.status, 422);
    assert.match(String(r.body.reason), /^not a whisper file/);
    r = await post(app.url, 'imp.one', whisperFile([[10, 60]], 'max', 0.5, [[0, T, 1]]));
    assert.equal(r.status, 422);
    assert.match(String(r.body.reason), /exists with another schema: 60s:3600s,600s:86400s max xFilesFactor 0.5 \(the file: 10s:600s max/);
    r = await post(app.url, 'bad name', file);
    assert.deepEqual([r.status, r.body.reason], [422, 'invalid metric name "bad name"']);
    r = await post(app.url, null, file);
    assert.equal(r.status, 404, 'no name, no route');
    r = await post(app.url, 'imp.big', Buffer.alloc(5000));
    assert.equal(r.status, 413);
    assert.match(String(r.body.error), /limits\.import\.maxFileBytes/);
  } finally {
    await app.destroy();
  }
});

test('a live point into an imported series recomputes its coarser bucket from the finer points; the other imported buckets stay', async () => {
  const clock = new ManualClock(NOW * 1000);
  const app = await startTestApp({}, clock);
  try {
    const file = whisperFile(ARCHIVES, 'sum', 0, [
      [0, T, 1],
      [0, T + 60, 2],
      [1, T, 1000],
      [1, T - 600, 2000],
    ]);
    assert.equal((await post(app.url, 'imp.live', file)).status, 200);
    const coarse = async () => (await values(app.url, 'imp.live', NOW - 7200)).filter((v) => v !== null);
    assert.deepEqual(await coarse(), [2000, 1000]);
    await fetch(`${app.url}/ingest`, { method: 'POST', body: `imp.live 4 ${T + 120}\n` });
    // read while hot, then after the flush: the bucket is the sum of its 60 s points now
    assert.deepEqual(await coarse(), [2000, 7]);
    await app.app.storage.engine.flush({ all: true });
    assert.deepEqual(await coarse(), [2000, 7]);
    assert.deepEqual((await values(app.url, 'imp.live', NOW - 1860)).slice(0, 3), [1, 2, 4]);
  } finally {
    await app.destroy();
  }
});
