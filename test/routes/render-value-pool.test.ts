import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock.js';
import { ValuePool } from '../../src/lib/value-pool.js';
import { startTestApp } from '../helpers/app.js';
import { STALL_STEP, stallName, writeStallSeries } from '../helpers/stall-data.js';

/**
 * Renders take the arrays of the series they read from the app's ValuePool and give them back
 * once answered (src/lib/value-pool.ts): reused arrays must never mix one answer into another.
 */
const NOW = 1_800_000_000;
const SERIES = 12;

/** What writeStallSeries wrote for series `i` at `t` (null outside the day it wrote). */
function written(i: number, t: number): number | null {
  return t > NOW - 86400 && t <= NOW ? (i * 7 + t / STALL_STEP) % 100 : null;
}

/** graphite-web's json datapoints of `values(t)` over `from` seconds before NOW (whisper's alignment). */
function expected(fromAgo: number, values: (t: number) => number | null): Array<[number | null, number]> {
  const from = NOW - fromAgo;
  const out: Array<[number | null, number]> = [];
  for (let t = from - (from % STALL_STEP) + STALL_STEP; t < NOW + STALL_STEP; t += STALL_STEP) out.push([values(t), t]);
  return out;
}

/** Until `pool` holds `bytes` spare, or 5 s: an answer's bytes come back on the response's 'finish', which may follow the client's last byte. */
async function poolHolds(pool: ValuePool, bytes: number): Promise<number> {
  for (const deadline = Date.now() + 5000; pool.bytes !== bytes && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 2));
  return pool.bytes;
}

/** Until `pool` holds the same spare bytes over 20 ms (what the last answers gave back). */
async function settledPool(pool: ValuePool): Promise<number> {
  for (let last = -1; ; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (pool.bytes === last) return last;
    last = pool.bytes;
  }
}

async function startApp(pool: ValuePool, persisted = false) {
  const t = await startTestApp(
    {
      carbon: { enabled: false },
      pickle: { enabled: false },
      retentions: [{ pattern: '^stall\\.', retentions: '10s:1d' }],
      flush: { intervalMs: 2 ** 31 - 1 },
    },
    new ManualClock(NOW * 1000),
    { valuePool: pool },
  );
  await writeStallSeries(t.app, SERIES, NOW);
  // every chunk in the store: reads copy stored values into the request's memory
  if (persisted) await t.app.storage.engine.flush({ all: true });
  return t;
}

async function renderJson(url: string, target: string, fromAgo: number): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/render?target=${encodeURIComponent(target)}&from=-${fromAgo}s&now=${NOW}&format=json`);
  return { status: res.status, body: await res.text() };
}

async function concurrentRenders(persisted: boolean): Promise<void> {
  const pool = new ValuePool();
  const t = await startApp(pool, persisted);
  try {
    // series alone and sums of a few, over ranges of different lengths, all at once, three rounds
    const asks: Array<{ target: string; fromAgo: number; want: Array<[number | null, number]> }> = [];
    for (let i = 0; i < SERIES; i++) {
      const fromAgo = [3600, 86400, 7200][i % 3];
      asks.push({ target: stallName(i), fromAgo, want: expected(fromAgo, (ts) => written(i, ts)) });
    }
    for (const [a, b, fromAgo] of [[0, 3, 86400], [4, 9, 3600], [2, 11, 43200]]) {
      const target = `sumSeries(${Array.from({ length: b - a + 1 }, (_, k) => stallName(a + k)).join(',')})`;
      const want = expected(fromAgo, (ts) => {
        let sum = 0;
        for (let i = a; i <= b; i++) sum += written(i, ts) ?? NaN;
        return Number.isNaN(sum) ? null : sum;
      });
      asks.push({ target, fromAgo, want });
    }
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(asks.map((q) => renderJson(t.url, q.target, q.fromAgo)));
      answers.forEach((r, k) => {
        assert.equal(r.status, 200, r.body.slice(0, 200));
        const [series] = JSON.parse(r.body) as Array<{ datapoints: Array<[number | null, number]> }>;
        assert.deepEqual(series.datapoints, asks[k].want, `round ${round}: ${asks[k].target}`);
      });
      assert.ok(pool.bytes > 0, 'the arrays came back to the pool');
    }
    // a render whose memory the pool holds spare takes it from there and gives it back
    const spare = await settledPool(pool);
    assert.equal((await renderJson(t.url, stallName(1), 86400)).status, 200);
    assert.equal(await poolHolds(pool, spare), spare);
  } finally {
    await t.destroy();
  }
}

test('concurrent renders reusing pooled memory each answer their own series, and give it back (hot chunks)', () => concurrentRenders(false));
test('concurrent renders reusing pooled memory each answer their own series, and give it back (stored chunks)', () => concurrentRenders(true));

test('a render that fails after its reads leaves its arrays to the garbage collector', async () => {
  const pool = new ValuePool();
  const t = await startApp(pool);
  try {
    assert.equal((await renderJson(t.url, `sumSeries(stall.*.cpu.user)`, 86400)).status, 200);
    const spare = await settledPool(pool);
    assert.ok(spare >= SERIES * 8640 * 8);
    // every series is read, then divideSeries refuses its two divisors
    const failed = await renderJson(t.url, `divideSeries(stall.h000.cpu.user, stall.h00[12].cpu.user)`, 86400);
    assert.equal(failed.status, 400, failed.body);
    assert.match(failed.body, /exactly 1 series/);
    assert.equal(pool.bytes, spare - 3 * 16384 * 8, 'the three arrays it took did not come back');
  } finally {
    await t.destroy();
  }
});

test("an answer's bytes go back to the pool once the response has been sent", async () => {
  const pool = new ValuePool();
  const t = await startApp(pool);
  try {
    const res = await renderJson(t.url, stallName(3), 86400);
    assert.equal(res.status, 200);
    // the series' 8640 values (a 2^17-byte class) and the json, written into the 2^18-byte class its size estimate asked for
    assert.ok(res.body.length > 2 ** 17 && res.body.length <= 2 ** 18, `${res.body.length} bytes of json`);
    assert.equal(await poolHolds(pool, 2 ** 17 + 2 ** 18), 2 ** 17 + 2 ** 18);
  } finally {
    await t.destroy();
  }
});
