/**
 * Render limits are checked before the work they protect, on the real index and engine: a
 * counting SeriesReader around the real one shows that a request over a cap is refused having
 * looked up (planMany) or read (read, fetchMany) nothing it should not.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchedSeries, PlannedReads, SeriesReader } from '../../src/readers/series-reader.js';
import { startTestApp } from '../helpers/app.js';

class CountingReader implements SeriesReader {
  inner!: SeriesReader;
  planned = 0;
  read = 0;

  fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    this.read++;
    return this.inner.fetch(name, from, until, now);
  }

  fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    this.read += names.length;
    return this.inner.fetchMany(names, from, until, now);
  }

  async planMany(names: readonly string[], from: number, until: number, now: number): Promise<PlannedReads> {
    this.planned += names.length;
    const plan = await this.inner.planMany!(names, from, until, now);
    return {
      ...plan,
      read: (pacing) => {
        this.read += names.length;
        return plan.read(pacing);
      },
    };
  }

  reset(): void {
    this.planned = 0;
    this.read = 0;
  }
}

const reader = new CountingReader();
let t: Awaited<ReturnType<typeof startTestApp>>;
const HOSTS = 30;
const METRICS = ['m0', 'm1', 'm2', 'm3'];

before(async () => {
  t = await startTestApp(
    {
      carbon: { enabled: false },
      pickle: { enabled: false },
      retentions: [{ name: 'all', pattern: '.*', retentions: '10s:7d' }],
      limits: { render: { maxSeries: 50, maxPoints: 100_000, maxTargets: 400, maxDepth: 20, maxReads: 1000 } },
    },
    undefined,
    { seriesReader: reader },
  );
  reader.inner = t.app.storage.reader;
  const now = Math.floor(Date.now() / 1000);
  const lines: string[] = [];
  for (let h = 0; h < HOSTS; h++) for (const m of METRICS) lines.push(`g.h${String(h).padStart(2, '0')}.${m} ${h} ${now - 30}`);
  const r = await fetch(`${t.url}/ingest`, { method: 'POST', body: lines.join('\n'), headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 200, await r.text());
});
after(() => t.destroy());

async function render(targets: string[], from = '-10min') {
  reader.reset();
  const body = new URLSearchParams([['format', 'json'], ['from', from], ...targets.map((x): [string, string] => ['target', x])]);
  const res = await fetch(`${t.url}/render`, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { status: res.status, body: await res.text() };
}

test('within the caps a render reads what it needs and answers', async () => {
  const r = await render(['sumSeries(g.h0*.m0)', 'g.h1*.m1']);
  assert.equal(r.status, 200, r.body);
  const series = JSON.parse(r.body) as Array<{ target: string }>;
  assert.equal(series.length, 11);
  assert.equal(reader.read, 20);
});

test('a few hundred targets over a wide glob are refused at the series cap before anything is read', async () => {
  // each target a different expression within the cap (4 series), together 120 series
  const targets = Array.from({ length: 300 }, (_, i) => `sumSeries(g.h${String(i % HOSTS).padStart(2, '0')}.{m0,m1,m2,m3,none${i}})`);
  const r = await render(targets);
  assert.equal(r.status, 422, r.body);
  assert.match(r.body, /the targets match more than 50 series \(limit set by limits\.render\.maxSeries\)/);
  assert.equal(reader.planned, 0, 'no series looked up');
  assert.equal(reader.read, 0, 'no series read');
});

test('a range whose points are over the cap is refused once the series are looked up, before any is read', async () => {
  // 30 series x 7 days at 10 s = 1.8 M points
  const r = await render(['g.*.m0'], '-7d');
  assert.equal(r.status, 422, r.body);
  assert.match(r.body, /more than 100000 points \(limit set by limits\.render\.maxPoints\)/);
  assert.equal(reader.planned, 30);
  assert.equal(reader.read, 0, 'no series read');
});

test('more targets than limits.render.maxTargets are refused before any is parsed or read', async () => {
  const r = await render(Array.from({ length: 401 }, () => 'g.h00.m0'));
  assert.equal(r.status, 422, r.body);
  assert.match(r.body, /the request has 401 targets, more than 400 \(limit set by limits\.render\.maxTargets\)/);
  assert.equal(reader.planned + reader.read, 0);
});

test('a target nested deeper than limits.render.maxDepth is a 400 naming the setting', async () => {
  const r = await render([`${'absolute('.repeat(21)}g.h00.m0${')'.repeat(21)}`]);
  assert.equal(r.status, 400, r.body);
  assert.match(r.body, /nested deeper than 20 levels \(limits\.render\.maxDepth\)/);
  assert.equal(reader.planned + reader.read, 0);
});

test('more path expressions than limits.render.maxReads are refused before the index is asked', async () => {
  const paths = Array.from({ length: 1001 }, (_, i) => `g.nothing${i}`);
  const r = await render([`sumSeries(${paths.join(',')})`]);
  assert.equal(r.status, 422, r.body);
  assert.match(r.body, /more than 1000 path expressions and time ranges \(limit set by limits\.render\.maxReads\)/);
  assert.equal(reader.planned + reader.read, 0);
});
