import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { assertJsonClose } from '../helpers/compare.js';

// Grafana's requests and graphite-web's answers, captured by test/fixtures/render/golden/capture.mjs
const DIR = 'test/fixtures/render/golden';
const index = JSON.parse(readFileSync(`${DIR}/index.json`, 'utf8')) as {
  now: number;
  requests: Record<string, { method: string; query: string; body: string; file: string }>;
};

// the golden data through the real engine, index and render functions (aliasSub included)
let t: GoldenApp;
before(async () => {
  assert.equal(index.now, GOLDEN_NOW);
  t = await startGoldenApp();
});
after(() => t.destroy());

/** What Grafana's datasource does with a /render answer (datasource.ts convertResponseToDataFrames, Go types.go). */
function parseAsGrafana(body: string): Array<{ name: string; refId: string; points: Array<[number | null, number]> }> {
  const data = JSON.parse(body) as unknown;
  if (!Array.isArray(data)) throw new Error('Missing series in result');
  return data.map((s: { target: unknown; tags: Record<string, unknown>; datapoints: unknown[] }) => {
    assert.equal(typeof s.target, 'string');
    assert.ok(s.tags && typeof s.tags.name === 'string', 'tags.name is set');
    for (const v of Object.values(s.tags)) assert.ok(typeof v === 'string' || typeof v === 'number');
    const points = s.datapoints.map((p) => {
      assert.ok(Array.isArray(p) && p.length === 2);
      const [value, ts] = p as [unknown, unknown];
      assert.ok(value === null || typeof value === 'number', 'value is a number or null');
      assert.ok(typeof ts === 'number' && Number.isInteger(ts), 'timestamp is a whole number, never null');
      return [value as number | null, ts as number] as [number | null, number];
    });
    const words = (s.target as string).split(' ');
    const refId = words.pop()!;
    return { name: words.join(' '), refId, points };
  });
}

const GRAFANA_REQUESTS = ['grafana_relative', 'grafana_epoch', 'grafana_backend'];

async function replay(name: string): Promise<void> {
  const c = index.requests[name];
  const res = await fetch(`${t.url}/render?${c.query}`, { method: 'POST', body: c.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 200);
  const body = await res.text();
  assertJsonClose(JSON.parse(body), JSON.parse(readFileSync(`${DIR}/${c.file}`, 'utf8')), name);
  const frames = parseAsGrafana(body);
  assert.ok(frames.length > 0);
  const maxDataPoints = Number(new URLSearchParams(c.body).get('maxDataPoints'));
  for (const f of frames) {
    assert.ok(f.points.length <= maxDataPoints, `${f.points.length} points for maxDataPoints ${maxDataPoints}`);
    if (name !== 'grafana_backend') assert.match(f.refId, /^[AB]$/);
    if (name !== 'grafana_backend') assert.match(f.name, /^(servers|apps)\./);
  }
}

for (const name of GRAFANA_REQUESTS) {
  test(`Grafana's ${name.slice(8)} request (POST form) answers as graphite-web and parses as Grafana parses it`, () => replay(name));
}

test("Grafana's requests answer the same once the data is read from the store", async () => {
  await t.persist();
  for (const name of GRAFANA_REQUESTS) await replay(name);
});
