// Cassandra and Elasticsearch failing under a running app (the test servers' fault switches,
// the real clients): renders and finds answer 503 naming the backend and the cause, /health
// shows which one is down, and nothing ingested while a backend was down is lost.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ManualClock } from '../src/lib/clock.js';
import { startTestApp } from './helpers/app.js';
import { testBackend, type TestBackend } from './helpers/test-backend.js';
import { NOW } from './engine/helpers.js';

const SERIES = ['fault.a', 'fault.b', 'fault.c'];
const POINTS = 30;
const FROM = NOW - 3600;

/** POINTS points of each name, every 10 s from `at`, valued first + 100 x (its place) + i. */
function lines(names: readonly string[], first: number, at = FROM + 60): string {
  return names.flatMap((name, k) => Array.from({ length: POINTS }, (_, i) => `${name} ${first + k * 100 + i} ${at + i * 10}`)).join('\n') + '\n';
}

/** An app on the Cassandra and Elasticsearch test servers (their fault switches), whatever CARBYNE_TEST_BACKEND says. */
async function faultyApp(t: { skip(why: string): void }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-faults-'));
  const backend: TestBackend = await testBackend(dataDir, 'cassandra+elasticsearch');
  if (backend.cql === null || backend.es === null) {
    t.skip('needs the CQL and Elasticsearch test servers: a real cluster has no fault switches');
    return null;
  }
  const app = await startTestApp(
    {
      ...backend.config,
      dataDir,
      retentions: [{ pattern: '.*', retentions: '10s:1d' }],
      // every read goes to the store
      memory: { decodedChunkCacheBytes: 0 },
      flush: { intervalMs: 3_600_000 },
      cassandra: { ...backend.config.cassandra, requestTimeoutMs: 1000, retries: 0 },
      elasticsearch: { ...backend.config.elasticsearch, requestTimeoutMs: 1000, maxRetries: 0 },
      limits: { render: { timeoutMs: 3000 }, find: { timeoutMs: 3000 } },
    },
    new ManualClock(NOW * 1000),
  );
  const get = async (path: string) => {
    const r = await fetch(app.url + path);
    return { status: r.status, text: await r.text() };
  };
  const ingest = async (body: string) => {
    const r = await fetch(`${app.url}/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    assert.equal(r.status, 200, await r.text());
  };
  const health = async () => {
    const r = await get('/health');
    return { status: r.status, backends: (JSON.parse(r.text) as { checks: { backends: Record<string, { state?: string; lastError?: string }> } }).checks.backends };
  };
  const render = (target: string) => get(`/render?target=${encodeURIComponent(target)}&from=${FROM}&until=${NOW}&format=json`);
  return { app, cql: backend.cql.nodes[0].faults, es: backend.es.faults, get, ingest, health, render, engine: app.app.storage.engine };
}

describe('backends failing under a running app', () => {
  it('the store stops answering mid-render: 503 naming cassandra and the cause, /health shows it down; back, the same answer', async (t) => {
    const f = await faultyApp(t);
    if (!f) return;
    try {
      await f.ingest(lines(SERIES, 0));
      await f.engine.settled();
      await f.engine.flush({ all: true });
      const before = await f.render('fault.*');
      assert.equal(before.status, 200, before.text);
      assert.equal((JSON.parse(before.text) as unknown[]).length, 3);
      assert.equal((await f.health()).backends.cassandra.state, 'up');

      // silent: no answer at all, within the time limits
      f.cql.silent = true;
      const silent = await f.render('fault.*');
      assert.equal(silent.status, 503, silent.text);
      assert.match(silent.text, /^cassandra unavailable: /);
      f.cql.clear();

      // an error answer: its cause is named
      f.cql.add({ error: 'read_timeout', kind: 'read' });
      const failed = await f.render('fault.a');
      assert.equal(failed.status, 503, failed.text);
      assert.match(failed.text, /^cassandra unavailable: .*timeout/i);
      const down = await f.health();
      assert.equal(down.status, 503);
      assert.equal(down.backends.cassandra.state, 'down');
      assert.match(down.backends.cassandra.lastError!, /timeout/i);
      assert.equal(down.backends.elasticsearch.state, 'up');

      f.cql.clear();
      assert.deepEqual(await f.render('fault.*'), before);
      assert.equal((await f.health()).status, 200);
    } finally {
      await f.app.destroy();
    }
  });

  it('the index fails mid-find and mid-render: 503 naming elasticsearch; back, the same answers', async (t) => {
    const f = await faultyApp(t);
    if (!f) return;
    try {
      await f.ingest(lines(SERIES, 0));
      await f.engine.settled();
      const find = () => f.get('/metrics/find?query=fault.*&format=completer');
      const found = await find();
      assert.equal(found.status, 200, found.text);
      const rendered = await f.render('fault.*');
      assert.equal(rendered.status, 200);

      f.es.add({ action: 'error', status: 503, path: /_search|_pit|_count|_msearch/ });
      for (const answer of [await find(), await f.render('fault.*')]) {
        assert.equal(answer.status, 503, answer.text);
        assert.match(answer.text, /^elasticsearch unavailable: /);
      }
      assert.equal((await f.health()).backends.elasticsearch.state, 'down');

      f.es.clear();
      assert.deepEqual(await find(), found);
      assert.deepEqual(await f.render('fault.*'), rendered);
    } finally {
      await f.app.destroy();
    }
  });

  it('both fail mid-flush and mid-registration: ingest goes on into the log, and once they are back every point and series is there', async (t) => {
    const f = await faultyApp(t);
    if (!f) return;
    try {
      await f.ingest(lines(SERIES.slice(0, 1), 0));
      await f.engine.settled();

      f.cql.add({ error: 'write_timeout', kind: 'write' });
      f.es.add({ action: 'error', status: 503, path: '_bulk' });
      // new series (their registration fails) and more points for a known one (their flush fails)
      await f.ingest(lines(['fault.new1', 'fault.new2'], 1000));
      await f.ingest(lines(['fault.a'], 5000, FROM + 60 + POINTS * 10));
      await f.engine.settled();
      await assert.rejects(f.engine.flush({ all: true }), /cassandra unavailable/);
      const down = await f.health();
      assert.equal(down.backends.cassandra.state, 'down');

      f.cql.clear();
      f.es.clear();
      await f.engine.settled();
      await f.engine.flush({ all: true });
      const found = await f.get('/metrics/find?query=fault.*&format=completer');
      assert.deepEqual(
        (JSON.parse(found.text) as { metrics: Array<{ path: string }> }).metrics.map((m) => m.path),
        ['fault.a', 'fault.new1', 'fault.new2'],
      );
      const r = await f.render('fault.*');
      assert.equal(r.status, 200, r.text);
      const series = JSON.parse(r.text) as Array<{ target: string; datapoints: Array<[number | null, number]> }>;
      const valuesOf = (name: string) => series.find((s) => s.target === name)!.datapoints.filter(([v]) => v !== null).map(([v]) => v);
      assert.deepEqual(valuesOf('fault.new1'), Array.from({ length: POINTS }, (_, i) => 1000 + i));
      assert.deepEqual(valuesOf('fault.new2'), Array.from({ length: POINTS }, (_, i) => 1100 + i));
      assert.deepEqual(valuesOf('fault.a'), [...Array.from({ length: POINTS }, (_, i) => i), ...Array.from({ length: POINTS }, (_, i) => 5000 + i)]);
    } finally {
      await f.app.destroy();
    }
  });
});
