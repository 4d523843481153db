import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigInput } from '../../../src/config/schema.js';
import { startTestApp } from '../../helpers/app.js';

const GRAFANA = 'https://grafana.example.com';

async function withApp(config: ConfigInput, fn: (url: string) => Promise<void>): Promise<void> {
  const t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false }, ...config });
  try {
    await fn(t.url);
  } finally {
    await t.destroy();
  }
}

/** What Grafana's browser-mode datasource sends before a POST /render with its own headers. */
function preflight(url: string, origin: string) {
  return fetch(`${url}/render`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-grafana-org-id, x-panel-id' },
  });
}

test('no CORS headers unless http.cors.origins names some', () =>
  withApp({}, async (url) => {
    const res = await fetch(`${url}/version`, { headers: { origin: GRAFANA } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal((await preflight(url, GRAFANA)).status, 404);
  }));

test("an allowed origin (Grafana's) gets its preflight answered and its answers readable; another does not", () =>
  withApp({ http: { cors: { origins: [GRAFANA] } } }, async (url) => {
    const pre = await preflight(url, GRAFANA);
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), GRAFANA);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type, x-grafana-org-id, x-panel-id');
    assert.equal(pre.headers.get('access-control-max-age'), '600');
    assert.equal(pre.headers.get('access-control-allow-credentials'), null);

    const render = await fetch(`${url}/render`, { method: 'POST', body: 'target=a.b&from=-1h', headers: { origin: GRAFANA, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(render.status, 200);
    assert.equal(render.headers.get('access-control-allow-origin'), GRAFANA);
    assert.match(render.headers.get('vary') ?? '', /origin/i);
    // an error answer is readable too
    const bad = await fetch(`${url}/metrics/find`, { headers: { origin: GRAFANA } });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('access-control-allow-origin'), GRAFANA);

    const other = await fetch(`${url}/version`, { headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  }));

test('`*` allows any origin; with credentials the origin itself is answered, as browsers require', async () => {
  await withApp({ http: { cors: { origins: ['*'] } } }, async (url) => {
    const res = await fetch(`${url}/version`, { headers: { origin: 'https://any.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });
  await withApp({ http: { cors: { origins: ['*'], credentials: true } } }, async (url) => {
    const res = await fetch(`${url}/version`, { headers: { origin: 'https://any.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://any.example');
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  });
});

test('with CORS on, the OpenAPI document is unchanged: preflight routes are not listed', () =>
  withApp({ http: { cors: { origins: ['*'] } } }, async (url) => {
    const spec = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    assert.equal(Object.values(spec.paths).some((ops) => 'options' in ops), false);
  }));
