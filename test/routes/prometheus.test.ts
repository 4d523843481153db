import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { startTestApp } from '../helpers/app.js';

/** Prometheus' text format: `# HELP`, `# TYPE`, then `name{labels} value` lines. */
function parseExposition(text: string) {
  const help = new Map<string, string>();
  const type = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const line of text.trim().split('\n').filter((l) => l !== '')) {
    let m = /^# HELP (\S+) (.+)$/.exec(line);
    if (m) help.set(m[1], m[2]);
    else if ((m = /^# TYPE (\S+) (counter|gauge|histogram|summary)$/.exec(line))) type.set(m[1], m[2]);
    else if ((m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line))) samples.set(m[1], Number(m[2]));
    else assert.fail(`not a line of the text format: ${line}`);
  }
  return { help, type, samples };
}

function send(address: string, data: string, udp = false): Promise<void> {
  const colon = address.lastIndexOf(':');
  const [host, port] = [address.slice(0, colon), Number(address.slice(colon + 1))];
  return new Promise((resolve, reject) => {
    if (udp) {
      const s = createSocket('udp4');
      s.send(data, port, host, (err) => (s.close(), err ? reject(err) : resolve()));
      return;
    }
    const socket = connect(port, host, () => socket.end(data));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('GET /prometheus/metrics', () => {
  it('serves every figure with HELP and TYPE: counters, gauges, timers as histograms, labelled by route and protocol, and the process metrics', async () => {
    const t = await startTestApp();
    try {
      for (let i = 0; i < 3; i++) t.app.pointWriter.write('p.x', i, -1);
      t.app.pointWriter.commit();
      await fetch(`${t.url}/render?target=p.x&from=-1h`);
      await fetch(`${t.url}/render?target=p.x(&from=-1h`);
      await fetch(`${t.url}/metrics/find?query=p.*`);
      const res = await fetch(`${t.url}/prometheus/metrics`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const { help, type, samples } = parseExposition(await res.text());
      assert.equal(type.get('carbyne_engine_points_accepted_total'), 'counter');
      assert.equal(samples.get('carbyne_engine_points_accepted_total'), 3);
      assert.equal(type.get('carbyne_engine_series'), 'gauge');
      assert.equal(samples.get('carbyne_engine_series'), 1);
      assert.match(help.get('carbyne_engine_series') ?? '', /^Series held in memory/);
      assert.equal(type.get('carbyne_http_request_duration_seconds'), 'histogram');
      assert.equal(samples.get('carbyne_http_request_duration_seconds_count{route="render"}'), 2);
      assert.equal(samples.get('carbyne_http_request_duration_seconds_bucket{le="+Inf",route="render"}'), 2);
      assert.equal(samples.get('carbyne_http_responses_total{route="render",status_class="2xx"}'), 1);
      assert.equal(samples.get('carbyne_http_responses_total{route="render",status_class="4xx"}'), 1);
      assert.equal(samples.get('carbyne_http_responses_total{route="metrics_find",status_class="2xx"}'), 1);
      assert.equal(type.get('carbyne_index_find_seconds'), 'histogram');
      // prom-client's default metrics
      assert.equal(type.get('process_cpu_seconds_total'), 'counter');
      assert.equal(type.get('nodejs_eventloop_lag_seconds'), 'gauge');
      for (const name of type.keys()) assert.ok(help.has(name), `${name} has no HELP`);
    } finally {
      await t.destroy();
    }
  });

  it('has the same figures the self-metrics write as Graphite series, and a description for each', async () => {
    const t = await startTestApp({ carbon: { enabled: true, udp: true }, pickle: { enabled: true }, selfMetrics: { enabled: true, intervalSeconds: 3600 } });
    try {
      // every protocol, good and bad input, so that their counters exist
      await send(t.addresses.carbon!, 'a.b 1 1795316580\nbad line\n');
      await send(t.addresses.carbonUdp!, 'a.c 1 1795316580\n', true);
      await send(t.addresses.pickle!, '\x00\x00\x00\x02xx');
      await fetch(`${t.url}/ingest`, { method: 'POST', body: 'a.d 1 1795316580\nx\n', headers: { 'content-type': 'text/plain' } });
      await fetch(`${t.url}/metrics/find?query=*`);
      await new Promise((r) => setTimeout(r, 200));
      const { help, samples } = parseExposition(await (await fetch(`${t.url}/prometheus/metrics`)).text());
      const figures = t.app.stats.collect(false);
      let compared = 0;
      for (const f of figures) {
        // process figures are prom-client's own there; the scrape counts itself only once answered
        if (f.name.startsWith('process.') || f.kind === 'timer' || f.name.startsWith('http.prometheus_metrics.')) continue;
        const found = [...samples].filter(([key]) => prometheusKeyOf(f.name, f.kind).test(key));
        assert.equal(found.length, 1, `${f.name}: ${found.map(([k]) => k).join(', ')}`);
        assert.equal(found[0][1], f.value, f.name);
        compared++;
      }
      assert.ok(compared > 30, `${compared} figures compared`);
      for (const [name, text] of help) assert.doesNotMatch(text, /no description yet/, `${name} needs a HELP text in src/lib/prometheus-names.ts`);
      // timers: the histogram counts what the Graphite timer counted
      const finds = figures.find((f) => f.name === 'http.metrics_find.ms.count');
      assert.equal(samples.get('carbyne_http_request_duration_seconds_count{route="metrics_find"}'), finds?.value);
    } finally {
      await t.destroy();
    }
  });

  it('/health reports the storage figures', async () => {
    const t = await startTestApp();
    try {
      t.app.pointWriter.write('h.x', 1, -1);
      t.app.pointWriter.commit();
      const res = await t.app.http.inject({ method: 'GET', url: '/health' });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { checks: { storage: { ok: boolean; series: number; hotBytes: number; walBytes: number } } };
      assert.equal(body.checks.storage.ok, true);
      assert.equal(body.checks.storage.series, 1);
      assert.ok(body.checks.storage.hotBytes > 0);
      assert.ok(body.checks.storage.walBytes > 0);
    } finally {
      await t.destroy();
    }
  });
});

/** Which sample of the exposition a Graphite-named counter or gauge is (label values in any order). */
function prometheusKeyOf(name: string, kind: string): RegExp {
  const parts = name.split('.');
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const suffix = kind === 'counter' ? '_total' : '';
  if (parts[0] === 'http') return new RegExp(`^carbyne_http_responses_total\\{route="${esc(parts.slice(1, -1).join('.'))}",status_class="${esc(parts[parts.length - 1])}"\\}$`);
  if (parts[0] === 'ingest' && parts[2] === 'rejected') return new RegExp(`^carbyne_ingest_rejected_total\\{protocol="${parts[1]}",reason="${parts[3]}"\\}$`);
  if (parts[0] === 'ingest') return new RegExp(`^carbyne_ingest_${esc(parts[2])}${suffix}\\{protocol="${parts[1]}"\\}$`);
  if (parts[0] === 'admission') return new RegExp(`^carbyne_admission_${esc(parts[2])}${suffix}\\{kind="${parts[1]}"\\}$`);
  return new RegExp(`^carbyne_${esc(name.replace(/\./g, '_'))}${suffix}$`);
}
