import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SelfMetrics, selfMetricsPrefix } from '../src/app/self-metrics.js';
import { silentLogger } from '../src/lib/logger.js';
import { ManualClock } from '../src/lib/clock.js';
import { startTestApp } from './helpers/app.js';

const NOW = 1795316580;

describe('self-metrics', () => {
  it('defaults to carbyne.<hostname>. with the dots of the host name replaced, as carbon does', () => {
    assert.equal(selfMetricsPrefix(undefined, 'db1.example.com'), 'carbyne.db1_example_com.');
    assert.equal(selfMetricsPrefix('ops.carbyne', 'x'), 'ops.carbyne.');
    assert.equal(selfMetricsPrefix('ops.', 'x'), 'ops.');
  });

  it('writes the server figures as series that read back, counters as per-interval changes', async () => {
    const clock = new ManualClock(NOW * 1000);
    const t = await startTestApp({ selfMetrics: { enabled: true, prefix: 'me', intervalSeconds: 3600 } }, clock);
    try {
      const w = t.app.pointWriter;
      for (let i = 0; i < 5; i++) w.write('app.x', i, NOW - 10 * i);
      w.commit();
      // the app's own reporter runs hourly here; a second one on the same registry reports now
      const reporter = new SelfMetrics(t.app.stats, w, clock, 'me.', 60, silentLogger);
      const written = reporter.report();
      assert.ok(written > 5);
      const accepted = await t.app.seriesReader.fetch('me.engine.points_accepted', NOW - 60, NOW, NOW);
      assert.ok(accepted);
      assert.equal(accepted.values[accepted.values.length - 1], 5);
      const series = await t.app.seriesReader.fetch('me.engine.series', NOW - 60, NOW, NOW);
      assert.equal(series!.values[series!.values.length - 1], 1);
      // the next report holds the change since: one point, plus the first report's own points
      clock.advance(60);
      w.write('app.x', 9, NOW + 60);
      w.commit();
      reporter.report();
      const next = await t.app.seriesReader.fetch('me.engine.points_accepted', NOW, NOW + 60, NOW + 60);
      assert.equal(next!.values[next!.values.length - 1], 1 + written);
    } finally {
      await t.destroy();
    }
  });
});
