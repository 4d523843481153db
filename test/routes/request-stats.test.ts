import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';
import { routeStatName } from '../../src/routes/server/request-stats.js';

test('route names become dotted-metric-safe stat names', () => {
  assert.equal(routeStatName('/metrics/find'), 'metrics_find');
  assert.equal(routeStatName('/functions/:name'), 'functions_name');
  assert.equal(routeStatName('/render'), 'render');
  assert.equal(routeStatName(undefined), 'unmatched');
});

test('every request is timed and counted by route and status class', async () => {
  const t = await startTestApp();
  try {
    await fetch(`${t.url}/render?target=a.b&from=-1h&format=json`);
    await fetch(`${t.url}/render?target=a.b(&format=json`);
    await fetch(`${t.url}/metrics/find?query=*`);
    await fetch(`${t.url}/no/such/route`);
    const figures = new Map(t.app.stats.collect(false).map((f) => [f.name, f.value]));
    assert.equal(figures.get('http.render.ms.count'), 2);
    assert.equal(figures.get('http.render.2xx'), 1);
    assert.equal(figures.get('http.render.4xx'), 1);
    assert.equal(figures.get('http.metrics_find.2xx'), 1);
    assert.equal(figures.get('http.unmatched.4xx'), 1);
    assert.ok((figures.get('http.render.ms.max') ?? -1) >= 0);
    const prom = await (await fetch(`${t.url}/prometheus/metrics`)).text();
    assert.match(prom, /^carbyne_http_request_duration_seconds_count\{route="render"\} 2$/m);
  } finally {
    await t.destroy();
  }
});
