import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../src/lib/clock.js';
import { startTestApp } from '../helpers/app.js';
import { EVENTS, DELETED } from '../fixtures/events/cases.js';
import { assertSameAnswer } from '../helpers/render-compare.js';

/**
 * graphite-web's events app, replayed: the events of test/fixtures/events/cases.ts are posted
 * to carbyne as capture.ts posted them to graphite-web 1.1.8, the same ones deleted, and every
 * captured request must get graphite-web's answer byte for byte (status, content type, body),
 * with carbyne's clock where graphite-web's was when it answered; the events() render function's
 * answers by value.
 */
const DIR = 'test/fixtures/events';

interface Captured {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
  sentAtMs: number;
  status: number;
  contentType: string;
  file: string;
}
const index = JSON.parse(readFileSync(`${DIR}/index.json`, 'utf8')) as { now: number; host: string; ids: Record<string, number>; requests: Record<string, Captured> };

const clock = new ManualClock(index.now * 1000);
let app: Awaited<ReturnType<typeof startTestApp>>;

before(async () => {
  app = await startTestApp({}, clock);
  for (const [k, e] of EVENTS.entries()) {
    const res = await fetch(`${app.url}/events/`, { method: 'POST', body: e.body(index.now) });
    assert.equal(res.status, 200, `${e.name}: ${await res.text()}`);
    assert.equal(index.ids[e.name], k + 1);
  }
  for (const name of DELETED) assert.equal((await fetch(`${app.url}/events/${index.ids[name]}/`, { method: 'DELETE' })).status, 200);
});
after(() => app.destroy());

test('every captured events request gets graphite-web 1.1.8\'s answer, byte for byte', async () => {
  const names = Object.keys(index.requests);
  assert.ok(names.length >= 50);
  const host = new URL(app.url).host;
  const failures: string[] = [];
  for (const name of names) {
    const c = index.requests[name];
    clock.set(c.sentAtMs / 1000);
    const res = await fetch(`${app.url}${c.path}`, { method: c.method, headers: c.headers, body: c.body ?? undefined, redirect: 'manual' });
    if (c.path.startsWith('/render')) {
      // events() counts are Python ints (`2`), carbyne's floats (`2.0`): compared by value
      const actual = { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
      try {
        assertSameAnswer(name, actual, { status: c.status, contentType: c.contentType, body: readFileSync(`${DIR}/${c.file}`) });
      } catch (err) {
        failures.push((err as Error).message.split('\n')[0]);
      }
      continue;
    }
    const body = await res.text();
    const expected = readFileSync(`${DIR}/${c.file}`, 'utf8').replaceAll(`http://${index.host}/`, `http://${host}/`);
    const got = `${res.status} ${res.headers.get('content-type')}`;
    if (got !== `${c.status} ${c.contentType}`) failures.push(`${name}: ${got}, graphite-web ${c.status} ${c.contentType}`);
    else if (body !== expected) failures.push(`${name}: ${firstDifference(body, expected)}`);
  }
  assert.deepEqual(failures, []);
});

/** Where two texts first differ: the line number and both lines. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}: ${JSON.stringify(a[i])}, graphite-web ${JSON.stringify(e[i])}`;
  }
  return 'same lines, different text';
}

/**
 * Grafana's Graphite datasource turns a get_data answer into annotations: it needs an array,
 * takes `when * 1000` as the time, `what` as the title, `data` as the text and `tags` (a list,
 * or a string it splits); its backend mode decodes `when` as an int64 and `data`, `what` as
 * strings, failing the panel otherwise.
 */
function grafanaAnnotations(body: string): Array<{ time: number; title: string; tags: string[]; text: string }> {
  const data = JSON.parse(body) as unknown;
  assert.ok(Array.isArray(data), 'Grafana: "Unable to get annotations." unless the answer is an array');
  return data.map((e: { when: unknown; what: unknown; data: unknown; tags: unknown }) => {
    assert.ok(Number.isSafeInteger(e.when), `backend mode decodes when as an int64: ${String(e.when)}`);
    assert.equal(typeof e.what, 'string');
    assert.equal(typeof e.data, 'string');
    assert.ok(Array.isArray(e.tags) && e.tags.every((t) => typeof t === 'string'));
    return { time: (e.when as number) * 1000, title: e.what as string, tags: e.tags as string[], text: e.data as string };
  });
}

test('Grafana\'s annotation requests read the same annotations from carbyne as from graphite-web', async () => {
  const names = Object.keys(index.requests).filter((n) => n.startsWith('grafana_'));
  assert.ok(names.length >= 4);
  let seen = 0;
  for (const name of names) {
    const c = index.requests[name];
    clock.set(c.sentAtMs / 1000);
    const res = await fetch(`${app.url}${c.path}`);
    const ours = grafanaAnnotations(await res.text());
    assert.deepEqual(ours, grafanaAnnotations(readFileSync(`${DIR}/${c.file}`, 'utf8')), name);
    seen += ours.length;
  }
  assert.ok(seen >= 8, 'the replayed requests find annotations');
});
