import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { windowSpans, windowStart } from '../../src/engine/table/windows.js';
import { parseRetentions } from '../../src/config/retention.js';

describe('chunk windows', () => {
  it('are at least 2 h, whole steps, aligned to the coarser steps that keep them short enough', () => {
    assert.deepEqual(windowSpans(parseRetentions('10s:1d,60s:30d,600s:1y')), [7200, 9000, 86400]);
    assert.deepEqual(windowSpans(parseRetentions('10s:1d,1m:7d,5m:30d,1h:1y,1d:5y')), [7200, 10800, 86400, 518400, 12441600]);
    // a 1 d bucket would need 1 s windows of a day: they stay 2 h and the buckets straddle them
    assert.deepEqual(windowSpans(parseRetentions('1s:1d,1d:1y')), [7200, 12441600]);
    for (const text of ['1s:1d', '60s:7d', '10s:6h,1m:7d,10m:1y', '5s:1d,30s:7d,300s:30d']) {
      const rets = parseRetentions(text);
      windowSpans(rets).forEach((span, i) => {
        assert.ok(span >= 7200, `${text}: ${span}`);
        for (const r of rets.slice(0, i + 2)) assert.equal(span % r.step, 0, `${text}: level ${i} span ${span} and step ${r.step}`);
      });
    }
  });

  it('are epoch-aligned, negative times included', () => {
    assert.equal(windowStart(7199, 7200), 0);
    assert.equal(windowStart(7200, 7200), 7200);
    assert.equal(windowStart(-1, 7200), -7200);
  });
});
