import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestApp } from '../helpers/app.js';

describe('GET /prometheus/metrics', () => {
  it('exposes counters (cumulative, _total) and gauges in the text format', async () => {
    const t = await startTestApp();
    try {
      for (let i = 0; i < 3; i++) t.app.pointWriter.write('p.x', i, -1);
      t.app.pointWriter.commit();
      const res = await t.app.http.inject({ method: 'GET', url: '/prometheus/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
      assert.match(res.body, /^# TYPE carbyne_engine_points_accepted_total counter\ncarbyne_engine_points_accepted_total 3$/m);
      assert.match(res.body, /^# TYPE carbyne_engine_series gauge\ncarbyne_engine_series 1$/m);
      for (const line of res.body.trim().split('\n')) assert.match(line, /^(# TYPE [a-zA-Z_][a-zA-Z0-9_]* (counter|gauge)|[a-zA-Z_][a-zA-Z0-9_]* \S+)$/);
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
