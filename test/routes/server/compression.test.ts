import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ConfigInput } from '../../../src/config/schema.js';
import { acceptsGzip } from '../../../src/routes/server/compression.js';
import { startTestApp } from '../../helpers/app.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** as received (not inflated) */
  body: Buffer;
}

/** A request whose answer is read as it comes off the wire (fetch would inflate it). */
function raw(url: string, headers: Record<string, string>, method = 'GET', body?: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withSeries(config: ConfigInput, fn: (url: string) => Promise<void>): Promise<void> {
  const t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false }, ...config });
  try {
    const now = Math.floor(Date.now() / 1000);
    const names = Array.from({ length: 200 }, (_, i) => `gz.host${String(i).padStart(3, '0')}.cpu`);
    await t.app.index.register(names.map((name) => ({ name, tags: {} })));
    for (const name of names) for (let k = 1; k <= 30; k++) t.app.pointWriter.write(name, k, now - 10 * k);
    t.app.pointWriter.commit();
    await fn(t.url);
  } finally {
    await t.destroy();
  }
}

test('render answers, find answers and pickle go gzipped to a client that accepts gzip, and inflate to the plain answer', () =>
  withSeries({}, async (url) => {
    for (const path of ['/render?target=gz.*.cpu&from=-10min&format=json', '/render?target=gz.*.cpu&from=-10min&format=pickle', '/render?target=gz.*.cpu&from=-10min&format=csv', '/metrics/find?query=gz.*', '/metrics/find?query=gz.*&format=msgpack', '/functions']) {
      const plain = await raw(`${url}${path}`, { 'accept-encoding': 'identity' });
      const gz = await raw(`${url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(plain.status, 200, path);
      assert.equal(plain.headers['content-encoding'], undefined, path);
      assert.equal(gz.headers['content-encoding'], 'gzip', path);
      assert.equal(gz.headers['content-type'], plain.headers['content-type'], path);
      assert.match(String(gz.headers.vary), /accept-encoding/i, path);
      assert.ok(gz.body.length < plain.body.length, path);
      assert.deepEqual(gunzipSync(gz.body), plain.body, path);
    }
    // gzip refused, or not asked: plain; small answers: plain
    for (const enc of ['gzip;q=0', 'br', '']) {
      const r = await raw(`${url}/render?target=gz.*.cpu&from=-10min&format=json`, enc ? { 'accept-encoding': enc } : {});
      assert.equal(r.headers['content-encoding'], undefined, enc);
    }
    assert.equal((await raw(`${url}/render?target=gz.host000.cpu&from=-1min&format=json`, { 'accept-encoding': 'gzip' })).headers['content-encoding'], undefined);
  }));

test('http.compression: threshold, level and off', async () => {
  const sizes: number[] = [];
  for (const compression of [{ level: 1 }, { level: 9 }]) {
    await withSeries({ http: { compression } }, async (url) => {
      sizes.push((await raw(`${url}/render?target=gz.*.cpu&from=-10min&format=json`, { 'accept-encoding': 'gzip' })).body.length);
    });
  }
  assert.ok(sizes[1] < sizes[0], `level 9 (${sizes[1]} bytes) smaller than level 1 (${sizes[0]})`);
  await withSeries({ http: { compression: { threshold: 1_000_000 } } }, async (url) => {
    assert.equal((await raw(`${url}/render?target=gz.*.cpu&from=-10min&format=json`, { 'accept-encoding': 'gzip' })).headers['content-encoding'], undefined);
    assert.equal((await raw(`${url}/metrics/find?query=gz.*`, { 'accept-encoding': 'gzip' })).headers['content-encoding'], undefined);
  });
  await withSeries({ http: { compression: { enabled: false } } }, async (url) => {
    assert.equal((await raw(`${url}/render?target=gz.*.cpu&from=-10min&format=json`, { 'accept-encoding': 'gzip' })).headers['content-encoding'], undefined);
    assert.equal((await raw(`${url}/metrics/find?query=gz.*`, { 'accept-encoding': 'gzip' })).headers['content-encoding'], undefined);
  });
});

test('a request body sent gzipped is read inflated', () =>
  withSeries({}, async (url) => {
    const form = gzipSync(Buffer.from('query=gz.host00*&format=completer'));
    const r = await raw(`${url}/metrics/find`, { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip', 'accept-encoding': 'identity' }, 'POST', form);
    assert.equal(r.status, 200, r.body.toString());
    assert.equal((JSON.parse(r.body.toString()) as { metrics: unknown[] }).metrics.length, 10);
  }));

test("Accept-Encoding is read as RFC 9110 says: gzip or *, unless its q is 0", () => {
  assert.equal(acceptsGzip('gzip'), true);
  assert.equal(acceptsGzip('deflate, gzip;q=0.5'), true);
  assert.equal(acceptsGzip('GZIP'), true);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('gzip; q=0.0'), false);
  assert.equal(acceptsGzip('br, deflate'), false);
  assert.equal(acceptsGzip('xgzip'), false);
  assert.equal(acceptsGzip(undefined), false);
});
