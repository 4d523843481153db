import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock.js';
import { startTestApp } from '../helpers/app.js';

// Events beyond what the goldens show: what graphite-web answers with a 500 (carbyne: a 400 that
// names the problem), limits, deletion, and events surviving a restart.

const NOW = 1_800_000_000;

async function withApp(fn: (url: string, app: Awaited<ReturnType<typeof startTestApp>>) => Promise<void>, config = {}): Promise<void> {
  const app = await startTestApp(config, new ManualClock(NOW * 1000));
  try {
    await fn(app.url, app);
  } finally {
    await app.destroy();
  }
}

const post = (url: string, body: string) => fetch(`${url}/events/`, { method: 'POST', body });
const list = async (url: string, query = '') => (await fetch(`${url}/events/get_data${query}`)).json() as Promise<Array<Record<string, unknown>>>;

test('bodies graphite-web fails on with a 500 get a 400 naming the problem, and store nothing', () =>
  withApp(async (url) => {
    const cases: Array<[string, RegExp]> = [
      ['not json', /not valid JSON/],
      ['', /not valid JSON/],
      ['[1, 2]', /JSON object/],
      ['{"tags": "a"}', /"what" is required/],
      ['{"what": null}', /"what" is required/],
      ['{"what": "x", "data": null}', /"data" may not be null/],
      ['{"what": "x", "when": "yesterday"}', /"when" must be a number/],
      ['{"what": "x", "when": null}', /"when" must be a number/],
      ['{"what": "x", "when": 1e20}', /"when" is out of range/],
      ['{"what": "x", "when": NaN}', /"when" is out of range/],
      ['{"what": "x", "tags": ["a", 1]}', /array of strings/],
      [`{"what": "x", "tags": "${'t'.repeat(2000)}"}`, /at most 1024 bytes/],
    ];
    for (const [body, message] of cases) {
      const res = await post(url, body);
      assert.equal(res.status, 400, body);
      assert.match(await res.text(), message, body);
    }
    assert.deepEqual(await list(url), []);
  }));

test('an event posted without `when` is stamped with the time it arrived; `when: true` is 1 s, as in Python', () =>
  withApp(async (url) => {
    assert.equal((await post(url, '{"what": "now"}')).status, 200);
    assert.equal((await post(url, '{"what": "bool", "when": true}')).status, 200);
    const got = await list(url, `?until=${NOW}`);
    assert.deepEqual(
      got.map((e) => [e.what, e.when]),
      [
        ['bool', 1],
        ['now', NOW],
      ],
    );
  }));

test('a body over limits.events.maxBodyBytes is refused with 413 before it is read', () =>
  withApp(
    async (url) => {
      const res = await post(url, JSON.stringify({ what: 'x', data: 'd'.repeat(300) }));
      assert.equal(res.status, 413);
      assert.match(await res.text(), /limits\.events\.maxBodyBytes/);
      assert.deepEqual(await list(url), []);
    },
    { limits: { events: { maxBodyBytes: 200 } } },
  ));

test('more matching events than limits.events.maxResults answer 422, on get_data and on the list page', () =>
  withApp(
    async (url) => {
      for (let i = 0; i < 3; i++) assert.equal((await post(url, `{"what": "e${i}", "tags": "t${i % 2}", "when": ${NOW - 100 + i}}`)).status, 200);
      assert.equal((await list(url, '?tags=t0')).length, 2);
      for (const path of ['/events/get_data', '/events/']) {
        const res = await fetch(`${url}${path}`);
        assert.equal(res.status, 422, path);
        assert.match(await res.text(), /limits\.events\.maxResults/);
      }
    },
    { limits: { events: { maxResults: 2 } } },
  ));

test('bad from/until are a 400 with the at-time error', () =>
  withApp(async (url) => {
    const res = await fetch(`${url}/events/get_data?from=garbage`);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /Invalid parameters \(.*garbage/);
  }));

test('DELETE /events/<id> and the admin\'s delete form remove an event; its id is not given again', () =>
  withApp(async (url) => {
    for (const what of ['a', 'b', 'c']) await post(url, `{"what": "${what}", "when": ${NOW - 10}}`);
    let res = await fetch(`${url}/events/1/`, { method: 'DELETE' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { deleted: 1 });
    res = await fetch(`${url}/events/1`, { method: 'DELETE' });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: 'Event matching query does not exist' });

    res = await fetch(`${url}/admin/events/event/2/delete/`, { method: 'POST', body: new URLSearchParams({ post: 'yes' }), redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/admin/events/event/');
    res = await fetch(`${url}/admin/events/event/2/delete/`, { method: 'POST', body: new URLSearchParams({ post: 'yes' }), redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/admin/');

    assert.deepEqual((await list(url)).map((e) => e.id), [3]);
    await post(url, `{"what": "d", "when": ${NOW - 5}}`);
    assert.deepEqual((await list(url)).map((e) => [e.id, e.what]), [[3, 'c'], [4, 'd']]);
    assert.equal((await fetch(`${url}/events/2/`, { headers: { accept: 'application/json' } })).status, 404);
  }));

test('events survive a restart, ids continue, and deleted tags stay known', async () => {
  const clock = new ManualClock(NOW * 1000);
  const first = await startTestApp({}, clock);
  await post(first.url, `{"what": "kept", "tags": "prod", "when": ${NOW - 60}}`);
  await post(first.url, `{"what": "dropped", "tags": "prod rare", "when": ${NOW - 30}}`);
  await fetch(`${first.url}/events/2/`, { method: 'DELETE' });
  await first.close();
  const second = await startTestApp({ dataDir: first.dataDir }, clock);
  try {
    assert.deepEqual((await list(second.url)).map((e) => [e.id, e.what, e.tags]), [[1, 'kept', ['prod']]]);
    // "rare" is still a known tag: asking for prod and rare wants both, which no event has
    assert.deepEqual(await list(second.url, '?tags=prod%20rare'), []);
    assert.deepEqual((await list(second.url, '?tags=prod%20never')).length, 1);
    await post(second.url, `{"what": "next", "when": ${NOW}}`);
    assert.deepEqual((await list(second.url)).map((e) => e.id), [1, 3]);
  } finally {
    await second.destroy();
  }
});
