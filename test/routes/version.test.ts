import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';

test('GET /version answers a semver string as graphite-web does', async () => {
  const t = await startTestApp();
  try {
    const res = await fetch(`${t.url}/version`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(await res.text(), '1.1.8\n');
    const health = await fetch(`${t.url}/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
  } finally {
    await t.destroy();
  }
});
