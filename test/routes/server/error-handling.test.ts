import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FindOptions, MetricIndex, MetricNode } from '../../../src/finders/metric-index.js';
import { TagExpressionError } from '../../../src/finders/tag-expressions.js';
import { BackendUnavailableError, LimitExceededError, OverloadedError } from '../../../src/lib/service-errors.js';
import type { RenderFunction } from '../../../src/render/function-types.js';
import { startTestApp } from '../../helpers/app.js';
import { RecordingWriter } from '../../helpers/recording-writer.js';

/** A render function that throws what it is made with, as a part deep inside a render would. */
function throwing(name: string, make: () => unknown): RenderFunction {
  return {
    name,
    group: 'Special',
    description: '',
    params: [],
    run: () => {
      throw make();
    },
  };
}

/** An index whose finds fail as a remote backend's would (or never answer). */
function failingIndex(fail: (pattern: string) => Promise<never>): MetricIndex {
  return {
    find: (pattern: string, _opts?: FindOptions): AsyncIterable<MetricNode> => ({
      [Symbol.asyncIterator]: () => ({ next: () => fail(pattern), return: async () => ({ done: true, value: undefined }) }),
    }),
    register: async () => undefined,
    unregister: async () => 0,
    delete: async () => 0,
    close: async () => undefined,
  };
}

function logLines() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: { level: 'info', stream } };
}

async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

test('errors thrown inside a render answer through the one handler: 422, 503 (busy), 503 (backend), 400 with the targets, 500 logged once', async () => {
  const log = logLines();
  const functions = [
    throwing('tooMuch', () => new LimitExceededError('more than 3 things', 'limits.render.things')),
    throwing('busy', () => new OverloadedError('too many renders in flight', 4)),
    throwing('storeDown', () => new BackendUnavailableError('cassandra', 'no host reachable')),
    throwing('crash', () => new Error('secret internals: /var/lib/carbyne/x.mdb')),
  ];
  const t = await startTestApp({}, undefined, { renderFunctions: functions, logger: log.logger });
  try {
    const render = (target: string) => get(`${t.url}/render?target=${encodeURIComponent(target)}&format=json`);
    assert.deepEqual(await render('tooMuch()'), { status: 422, type: 'text/plain; charset=utf-8', retryAfter: null, body: 'more than 3 things (limit set by limits.render.things)\n' });
    assert.deepEqual(await render('busy()'), { status: 503, type: 'text/plain; charset=utf-8', retryAfter: '4', body: 'too many renders in flight\n' });
    assert.deepEqual(await render('storeDown()'), { status: 503, type: 'text/plain; charset=utf-8', retryAfter: null, body: 'cassandra unavailable: no host reachable\n' });
    assert.deepEqual(await render('noSuchFunction(a.b)'), {
      status: 400,
      type: 'text/plain; charset=utf-8',
      retryAfter: null,
      body: 'Invalid parameters (Received request for unknown function: noSuchFunction); targets: "noSuchFunction(a.b)"',
    });
    // a bad parameter is found before the targets are read: no targets in the answer
    assert.equal((await get(`${t.url}/render?target=a.b&from=-1h&until=-1h`)).body, 'Invalid parameters (Invalid empty time range)');

    const before = log.lines.length;
    const crash = await render('crash()');
    assert.equal(crash.status, 500);
    assert.equal(crash.type, 'text/plain; charset=utf-8');
    const id = /request (req-\w+);/.exec(crash.body)?.[1];
    assert.ok(id, crash.body);
    assert.doesNotMatch(crash.body, /secret|mdb/);
    const errors = log.lines.slice(before).filter((l) => (l.level as number) >= 50);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].reqId, id);
    assert.match(JSON.stringify(errors[0].err), /secret internals/);
    // refusals are not logged as errors
    assert.equal(log.lines.filter((l) => (l.level as number) >= 50).length, 1);
  } finally {
    await t.destroy();
  }
});

test('find answers its errors as graphite-web: text/html for a bad parameter, text/plain for a bad format, 422 past a limit', async () => {
  const t = await startTestApp({ limits: { find: { maxNodes: 1 } } });
  try {
    await t.app.index.register([{ name: 'a.b', tags: {} }, { name: 'a.c', tags: {} }]);
    assert.deepEqual(await get(`${t.url}/metrics/find`), { status: 400, type: 'text/html; charset=utf-8', retryAfter: null, body: "Invalid parameters (Missing required parameter 'query')" });
    assert.deepEqual(await get(`${t.url}/metrics/find?query=a.*&format=xml`), { status: 400, type: 'text/plain', retryAfter: null, body: "Invalid value for 'format' parameter" });
    assert.deepEqual(await get(`${t.url}/metrics/find?query=a.*`), { status: 422, type: 'text/plain', retryAfter: null, body: 'Query a.* yields more than 1 nodes (limits.find.maxNodes is 1)' });
    const glob = await get(`${t.url}/metrics/find?query=${'{a,b}'.repeat(40)}`);
    assert.equal(glob.status, 400);
    assert.equal(glob.type, 'text/plain');
  } finally {
    await t.destroy();
  }
});

test("a backend's failure inside a find is a 503 naming it; a tag expression refused is a 400; a find past its time limit a 422", async () => {
  const cases: Array<[MetricIndex, { status: number; body: RegExp }]> = [
    [failingIndex(() => Promise.reject(new BackendUnavailableError('elasticsearch', 'connection refused'))), { status: 503, body: /^elasticsearch unavailable: connection refused\n$/ }],
    [failingIndex(() => Promise.reject(new TagExpressionError('at least one tag expression must require a value'))), { status: 400, body: /^at least one tag expression must require a value$/ }],
    [failingIndex(() => new Promise<never>(() => undefined)), { status: 422, body: /^Query a\.\* took longer than 50 ms \(limits\.find\.timeoutMs is 50\)$/ }],
  ];
  for (const [index, expected] of cases) {
    const t = await startTestApp({ limits: { find: { timeoutMs: 50 } } }, undefined, { metricIndex: index });
    try {
      const r = await get(`${t.url}/metrics/find?query=a.*`);
      assert.equal(r.status, expected.status, r.body);
      assert.match(r.body, expected.body);
    } finally {
      await t.destroy();
    }
  }
});

test('ingest writes its errors as {"error"}; bodies too large, malformed or of an unknown type are 4xx on every route', async () => {
  const writer = new RecordingWriter();
  const t = await startTestApp({ limits: { ingest: { maxHttpBodyBytes: 4096 } } }, undefined, { pointWriter: writer });
  try {
    writer.failNextCommit = true;
    const stored = await get(`${t.url}/ingest`, { method: 'POST', body: 'a.b 1 1795316580\n', headers: { 'content-type': 'text/plain' } });
    assert.deepEqual(stored, { status: 503, type: 'application/json; charset=utf-8', retryAfter: null, body: '{"error":"storage engine unavailable: points not stored: disk full"}' });
    const big = 'target=' + 'x'.repeat(5000);
    assert.deepEqual(await get(`${t.url}/render`, { method: 'POST', body: big, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), {
      status: 413,
      type: 'text/plain; charset=utf-8',
      retryAfter: null,
      body: 'request body larger than the limit set by limits.ingest.maxHttpBodyBytes\n',
    });
    assert.equal((await get(`${t.url}/ingest`, { method: 'POST', body: big, headers: { 'content-type': 'text/plain' } })).body, '{"error":"request body larger than the limit set by limits.ingest.maxHttpBodyBytes"}');
    const multipart = await get(`${t.url}/metrics/find`, { method: 'POST', body: 'garbage', headers: { 'content-type': 'multipart/form-data; boundary=xyz' } });
    assert.deepEqual(multipart, { status: 400, type: 'text/plain; charset=utf-8', retryAfter: null, body: 'malformed multipart/form-data body\n' });
    const xml = await get(`${t.url}/ingest`, { method: 'POST', body: '<a/>', headers: { 'content-type': 'application/xml' } });
    assert.equal(xml.status, 415);
    assert.match(xml.body, /^\{"error":"unsupported content type \\"application\/xml\\"/);
  } finally {
    await t.destroy();
  }
});

test('one not-found answer for every unknown route and method', async () => {
  const t = await startTestApp();
  try {
    assert.deepEqual(await get(`${t.url}/no/such/route?token=x`), { status: 404, type: 'text/plain; charset=utf-8', retryAfter: null, body: 'Not found: GET /no/such/route\n' });
    assert.deepEqual(await get(`${t.url}/version`, { method: 'DELETE' }), { status: 404, type: 'text/plain; charset=utf-8', retryAfter: null, body: 'Not found: DELETE /version\n' });
  } finally {
    await t.destroy();
  }
});
