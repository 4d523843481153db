import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startTestApp } from '../helpers/app.js';

test('openapi.yaml describes every route the app serves, and nothing it does not', async () => {
  const spec = parse(readFileSync('openapi.yaml', 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const t = await startTestApp();
  try {
    const served = new Set(t.app.routes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`));
    const described = new Set(
      Object.entries(spec.paths).flatMap(([path, ops]) =>
        Object.keys(ops).filter((k) => ['get', 'post', 'put', 'delete', 'patch'].includes(k)).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const missing = [...served].filter((r) => !described.has(r)).sort();
    const stale = [...described].filter((r) => !served.has(r)).sort();
    assert.deepEqual(missing, [], 'routes served but not described in openapi.yaml');
    assert.deepEqual(stale, [], 'routes described in openapi.yaml but not served');
    assert.ok(served.has('GET /version'));
  } finally {
    await t.destroy();
  }
});
