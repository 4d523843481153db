/**
 * The bounds on requests in flight (limits.concurrency) on the real app: renders held inside
 * the real engine's reads fill the render places and queue; the next render is refused 503 with
 * Retry-After while finds, HTTP ingest and carbon's TCP listener, which have their own shares,
 * keep answering; once the reads go on, every admitted render answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { FetchedSeries, PlannedReads, SeriesReader } from '../../src/readers/series-reader.js';
import { startTestApp } from '../helpers/app.js';
import { stalledPost, type StalledRequest } from '../helpers/stalled-request.js';

/** The real reader, whose reads wait while `hold` is set. */
class HeldReader implements SeriesReader {
  inner!: SeriesReader;
  private waiting: Array<() => void> = [];
  hold = false;

  private async pass(): Promise<void> {
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  letGo(): void {
    this.hold = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  async fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    await this.pass();
    return this.inner.fetch(name, from, until, now);
  }

  async fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    await this.pass();
    return this.inner.fetchMany(names, from, until, now);
  }

  async planMany(names: readonly string[], from: number, until: number, now: number): Promise<PlannedReads> {
    await this.pass();
    return this.inner.planMany!(names, from, until, now);
  }
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

test('past its places and queue a render is refused 503 with Retry-After; finds and ingest keep their own places', async () => {
  const reader = new HeldReader();
  const t = await startTestApp(
    {
      pickle: { enabled: false },
      limits: { concurrency: { render: { maxInFlight: 2, maxQueued: 1, queueTimeoutMs: 600_000 }, retryAfterSeconds: 7 } },
    },
    undefined,
    { seriesReader: reader },
  );
  try {
    reader.inner = t.app.storage.reader;
    const now = Math.floor(Date.now() / 1000);
    const ingest = (line: string) => fetch(`${t.url}/ingest`, { method: 'POST', body: line, headers: { 'content-type': 'text/plain' } });
    assert.equal((await ingest(`adm.a 1 ${now - 30}`)).status, 200);
    const gauge = (name: string) => t.app.stats.collect(false).find((s) => s.name === name)?.value;

    reader.hold = true;
    const render = () => fetch(`${t.url}/render?target=adm.a&from=-5min&format=json`);
    const admitted = [render(), render(), render()];
    await until(() => gauge('admission.render.in_flight') === 2 && gauge('admission.render.queued') === 1);

    const refused = await render();
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '7');
    assert.match(await refused.text(), /^server busy: 2 render requests in flight and 1 waiting \(limits\.concurrency\.render\); try again later\n$/);

    // finds and ingest are not held behind the renders
    const find = await fetch(`${t.url}/metrics/find?query=adm.*`);
    assert.equal(find.status, 200);
    assert.deepEqual(((await find.json()) as Array<{ id: string }>).map((n) => n.id), ['adm.a']);
    assert.equal((await ingest(`adm.b 2 ${now - 30}`)).status, 200);
    const socket = connect(Number(new URL(`tcp://${t.addresses.carbon}`).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.end(`adm.c 3 ${now - 30}\n`, resolve));
    await until(async () => ((await (await fetch(`${t.url}/metrics/find?query=adm.c`)).json()) as unknown[]).length === 1);

    reader.letGo();
    for (const r of await Promise.all(admitted)) {
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as Array<{ target: string }>)[0].target, 'adm.a');
    }
    await until(() => gauge('admission.render.in_flight') === 0);
    const metrics = await (await fetch(`${t.url}/prometheus/metrics`)).text();
    assert.match(metrics, /^carbyne_admission_refused_total\{kind="render"\} 1$/m);
  } finally {
    reader.letGo();
    await t.destroy();
  }
});

test('tag and event reads share the finds\' places: past them and their queue a tag query is refused 503 with Retry-After, while tag registrations keep the writes\' own', async () => {
  const t = await startTestApp({
    carbon: { enabled: false },
    pickle: { enabled: false },
    limits: { concurrency: { find: { maxInFlight: 2, maxQueued: 1, queueTimeoutMs: 600_000 }, retryAfterSeconds: 7 } },
  });
  const stalled: StalledRequest[] = [];
  try {
    const tagSeries = (path: string) => fetch(`${t.url}/tags/tagSeries`, { method: 'POST', body: new URLSearchParams({ path }) });
    assert.equal((await tagSeries('disk.used;dc=eu')).status, 200);
    const gauge = (name: string) => t.app.stats.collect(false).find((s) => s.name === name)?.value;

    // three tag queries whose bodies are still on their way: two hold the find places, one waits
    for (let i = 0; i < 3; i++) stalled.push(stalledPost(t.url, '/tags/findSeries', 'expr=dc%3Deu'));
    await until(() => gauge('admission.find.in_flight') === 2 && gauge('admission.find.queued') === 1);

    const refused = await fetch(`${t.url}/tags/findSeries?expr=dc=eu`);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '7');
    assert.deepEqual(await refused.json(), { error: 'server busy: 2 find requests in flight and 1 waiting (limits.concurrency.find); try again later' });
    for (const path of ['/tags/autoComplete/tags', '/tags', '/metrics/find?query=*', '/events/get_data']) {
      const r = await fetch(`${t.url}${path}`);
      assert.equal(r.status, 503, path);
      assert.equal(r.headers.get('retry-after'), '7', path);
    }

    // registering a tagged series is a write: the writes' places are free
    assert.equal((await tagSeries('disk.free;dc=eu')).status, 200);

    // once the stalled queries' bodies arrive, each is answered, the last one after waiting its turn
    for (const s of stalled.splice(0)) assert.deepEqual(await s.finish(), { status: 200, body: '["disk.free;dc=eu", "disk.used;dc=eu"]' });
    await until(() => gauge('admission.find.in_flight') === 0);
    const metrics = await (await fetch(`${t.url}/prometheus/metrics`)).text();
    assert.match(metrics, /^carbyne_admission_refused_total\{kind="find"\} 5$/m);
  } finally {
    for (const s of stalled) s.abandon();
    await t.destroy();
  }
});

test('a request whose client leaves while it waits for a place gives the place back', async () => {
  const t = await startTestApp({
    carbon: { enabled: false },
    pickle: { enabled: false },
    limits: { concurrency: { find: { maxInFlight: 1, maxQueued: 1, queueTimeoutMs: 600_000 } } },
  });
  try {
    const gauge = (name: string) => t.app.stats.collect(false).find((s) => s.name === name)?.value;
    const holder = stalledPost(t.url, '/metrics/find', 'query=*');
    await until(() => gauge('admission.find.in_flight') === 1);
    const leaver = stalledPost(t.url, '/metrics/find', 'query=*');
    await until(() => gauge('admission.find.queued') === 1);
    leaver.abandon();
    // the leaver is handed the place once the holder is answered, and must give it back at once
    assert.equal((await holder.finish()).status, 200);
    await until(() => gauge('admission.find.in_flight') === 0 && gauge('admission.find.queued') === 0);
    assert.equal((await fetch(`${t.url}/metrics/find?query=*`)).status, 200);
  } finally {
    await t.destroy();
  }
});
