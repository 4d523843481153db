import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';
import { RecordingWriter } from '../helpers/recording-writer.js';
import { Stats } from '../../src/lib/stats.js';

async function withApp(fn: (url: string, writer: RecordingWriter, stats: Stats) => Promise<void>, overrides = {}) {
  const writer = new RecordingWriter(1_000_000_000);
  const stats = new Stats();
  const t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false }, ...overrides }, undefined, { pointWriter: writer, stats });
  try {
    await fn(`http://${t.url.replace(/^http:\/\//, '')}`, writer, stats);
  } finally {
    await t.destroy();
  }
}

async function post(url: string, body: string | Buffer, type?: string) {
  const res = await fetch(`${url}/ingest`, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, unknown> };
}

test('POST /ingest with carbon plaintext: points committed, bad lines reported with their line numbers', async () => {
  await withApp(async (url, writer, stats) => {
    const body = ['a.b.c 1.5 1795316580', 'bad line with too many fields', 'x.y abc 1795316580', '', 'tagged;dc=eu 2', 'old 1 5', 'nan.v nan 1795316580', 'bad..name 1 1795316580', 'last 3 1795316590'].join('\r\n');
    const r = await post(url, body, 'text/plain');
    assert.equal(r.status, 200);
    assert.match(r.type ?? '', /^application\/json/);
    assert.deepEqual(r.json, {
      accepted: 3,
      rejected: 5,
      errors: [
        'line 2: expected "path value [timestamp]": "bad line with too many fields"',
        'line 3: value is not a number: "x.y abc 1795316580"',
        'line 6: timestamp older than the retention of the series: "old 5"',
        'line 7: value is NaN (dropped, as carbon does)',
        'line 8: invalid metric name: "bad..name"',
      ],
    });
    assert.deepEqual(writer.committed, [
      { name: 'a.b.c', value: 1.5, timestamp: 1795316580 },
      { name: 'tagged;dc=eu', value: 2, timestamp: -1 },
      { name: 'last', value: 3, timestamp: 1795316590 },
    ]);
    assert.equal(stats.collect().find((s) => s.name === 'ingest.http.points_accepted')?.value, 3);
  });
});

test('POST /ingest plaintext also from curl\'s default form type, octet-stream and no content type', async () => {
  await withApp(async (url, writer) => {
    const types = ['application/x-www-form-urlencoded', 'application/octet-stream', undefined, 'text/plain; charset=utf-8'];
    for (const [i, type] of types.entries()) {
      const r = await post(url, Buffer.from(`via.type${i} ${i} 1795316580\nsecond.line 1 1795316580\n`), type);
      assert.equal(r.status, 200, String(type));
      assert.equal(r.json.accepted, 2, String(type));
    }
    assert.deepEqual(writer.committed.filter((p) => p.name.startsWith('via.')).map((p) => [p.name, p.value]), types.map((_, i) => [`via.type${i}`, i]));
  });
});

test('POST /ingest with JSON: points committed, bad items reported with their item numbers', async () => {
  await withApp(async (url, writer) => {
    const items = [
      { path: 'a.b', value: 1.5, timestamp: 1795316580 },
      { path: 'now.implied', value: 2 },
      { path: 'null.ts', value: 3, timestamp: null },
      { path: 'str.values', value: '4.5', timestamp: '1795316581.7' },
      { path: 'inf', value: 'inf', timestamp: 1795316580 },
      { value: 1 },
      'not an object',
      { path: 'bad.value', value: true },
      { path: 'bad.ts', value: 1, timestamp: 'yesterday' },
      { path: 'nan', value: 'nan', timestamp: 1795316580 },
    ];
    const r = await post(url, JSON.stringify(items), 'application/json');
    assert.equal(r.status, 200);
    assert.equal(r.json.accepted, 5);
    assert.equal(r.json.rejected, 5);
    assert.deepEqual(
      (r.json.errors as string[]).map((e) => e.split(':')[0]),
      ['item 6', 'item 7', 'item 8', 'item 9', 'item 10'],
    );
    assert.match((r.json.errors as string[])[0], /path missing or not a string/);
    assert.deepEqual(writer.committed, [
      { name: 'a.b', value: 1.5, timestamp: 1795316580 },
      { name: 'now.implied', value: 2, timestamp: -1 },
      { name: 'null.ts', value: 3, timestamp: -1 },
      { name: 'str.values', value: 4.5, timestamp: 1795316581 },
      { name: 'inf', value: Infinity, timestamp: 1795316580 },
    ]);
  });
});

test('POST /ingest errors: 400 for a body that is not JSON or not an array, 415 for other types, 413 beyond the limit', async () => {
  await withApp(
    async (url, writer) => {
      let r = await post(url, '[{"path": "a", ', 'application/json');
      assert.equal(r.status, 400);
      assert.match(String(r.json.error), /^body is not valid JSON/);
      r = await post(url, '{"path": "a", "value": 1}', 'application/json');
      assert.equal(r.status, 400);
      assert.match(String(r.json.error), /must be array/);
      r = await post(url, '', 'application/json');
      assert.equal(r.status, 400);
      r = await post(url, '<points/>', 'application/xml');
      assert.equal(r.status, 415);
      assert.match(String(r.json.error), /unsupported content type "application\/xml"/);
      r = await post(url, `big ${'1'.repeat(5000)} 1\n`, 'text/plain');
      assert.equal(r.status, 413);
      assert.match(String(r.json.error), /maxHttpBodyBytes/);
      // nothing was written by any of them
      assert.equal(writer.committed.length, 0);
      // and the server is fine
      r = await post(url, 'ok 1 1795316580', 'text/plain');
      assert.equal(r.json.accepted, 1);
    },
    { limits: { ingest: { maxHttpBodyBytes: 4096 } } },
  );
});

test('POST /ingest answers 503 when storing fails, and keeps nothing of that body', async () => {
  await withApp(async (url, writer) => {
    writer.failNextCommit = true;
    const r = await post(url, 'lost 1 1795316580\n', 'text/plain');
    assert.equal(r.status, 503);
    assert.match(String(r.json.error), /points not stored: disk full/);
    assert.equal(writer.committed.length, 0);
  });
});

test('POST /ingest writes into the storage engine by default; the points read back', async () => {
  const t = await startTestApp();
  try {
    const now = Math.floor(Date.now() / 1000);
    const r = await post(t.url, `e2e.a 1.5 ${now - 20}\ne2e.a 2.5 ${now - 10}\n`, 'text/plain');
    assert.equal(r.status, 200);
    const got = await t.app.seriesReader.fetch('e2e.a', now - 60, now, now);
    assert.ok(got);
    const values = Array.from(got.values).filter((v) => !Number.isNaN(v));
    assert.deepEqual(values, [1.5, 2.5]);
  } finally {
    await t.destroy();
  }
});
