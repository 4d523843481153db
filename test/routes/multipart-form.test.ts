import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { multipartBoundary, parseMultipartForm } from '../../src/routes/multipart-form.js';
import { startTestApp } from '../helpers/app.js';
import { readPickle } from '../helpers/python-values.js';

const bodies = JSON.parse(readFileSync('test/fixtures/multipart/bodies.json', 'utf8')) as Record<
  string,
  { contentType: string; body: string; fields: Array<[string, string]> }
>;

test("multipart bodies as graphite-web's front ends encode them (urllib3) parse to their fields", () => {
  assert.ok(Object.keys(bodies).length >= 4);
  for (const [name, c] of Object.entries(bodies)) {
    const boundary = multipartBoundary(c.contentType);
    assert.ok(boundary, name);
    const fields = parseMultipartForm(Buffer.from(c.body, 'utf8'), boundary);
    assert.ok(fields, name);
    assert.deepEqual([...fields], c.fields, name);
  }
});

test('malformed multipart bodies are refused, not misread', () => {
  const good = bodies.remote_find;
  const boundary = multipartBoundary(good.contentType)!;
  assert.equal(parseMultipartForm(Buffer.from(good.body), 'other'), null);
  assert.equal(parseMultipartForm(Buffer.from(good.body.slice(0, good.body.length - 30)), boundary), null);
  assert.equal(parseMultipartForm(Buffer.from(`--${boundary}\r\nX-No-Disposition: 1\r\n\r\nv\r\n--${boundary}--`), boundary), null);
  assert.equal(multipartBoundary('multipart/form-data'), null);
  assert.equal(multipartBoundary('multipart/form-data; boundary="a b"'), 'a b');
});

test('find answers a multipart POST as a graphite-web front end with REMOTE_STORE_USE_POST sends it', async () => {
  const t = await startTestApp();
  try {
    await t.app.index.register([{ name: 'servers.web01.cpu', tags: {} }, { name: 'servers.db01.cpu', tags: {} }]);
    const c = bodies.remote_find;
    const r = await t.app.http.inject({ method: 'POST', url: '/metrics/find/', headers: { 'content-type': c.contentType }, payload: c.body });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'application/pickle');
    const nodes = readPickle(r.rawPayload) as Array<{ $dict: Array<[string, unknown]> }>;
    assert.deepEqual(
      nodes.map((n) => n.$dict.slice(0, 2)),
      [
        [['path', 'servers.db01'], ['is_leaf', false]],
        [['path', 'servers.web01'], ['is_leaf', false]],
      ],
    );
    const bad = await t.app.http.inject({ method: 'POST', url: '/metrics/find/', headers: { 'content-type': c.contentType }, payload: 'garbage' });
    assert.equal(bad.statusCode, 400);
  } finally {
    await t.destroy();
  }
});
