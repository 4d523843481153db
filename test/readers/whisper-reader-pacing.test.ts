import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock.js';
import type { FetchedSeries } from '../../src/readers/series-reader.js';
import { MAX_BATCH_WEIGHT } from '../../src/readers/batch-sizer.js';
import { startTestApp } from '../helpers/app.js';
import { stallName, writeStallSeries } from '../helpers/stall-data.js';

const NOW = 1_800_000_000;
const DAY = 86400;

/**
 * A planned read of many long series (the storage engine's reader, on the real store) is read
 * in batches: `pause` before each, `shape` applied to each series as soon as its batch is read
 * and before the next batch, and the answers those of an unpaced read.
 */
test('a planned read of 40 series over 30 days goes in batches, pausing before each, shaping each series before the next batch', async () => {
  const t = await startTestApp(
    { carbon: { enabled: false }, pickle: { enabled: false }, retentions: [{ pattern: '^stall\\.', retentions: '10s:30d' }] },
    new ManualClock(NOW * 1000),
  );
  try {
    await writeStallSeries(t.app, 40, NOW);
    const reader = t.app.seriesReader;
    const names = Array.from({ length: 40 }, (_, i) => stallName(i));
    // one name the store does not hold: planned as null, never read
    names.splice(7, 0, 'stall.missing.cpu.user');
    const from = NOW - 30 * DAY;
    const plan = await reader.planMany!(names, from, NOW, NOW);
    assert.equal(plan.series[7], null);
    assert.equal(plan.points, 40 * 30 * 8640);

    const events: string[] = [];
    let shaped = 0;
    const got = await plan.read({
      pause: async () => {
        events.push('pause');
      },
      shape: (f: FetchedSeries) => {
        events.push(f.name);
        shaped++;
        return { ...f, values: f.values.subarray(f.values.length - 3) };
      },
    });
    assert.equal(shaped, 40);
    assert.equal(got[7], null);
    // a pause before the first batch and between every two; 40 x 259,200 points cannot be one batch
    assert.equal(events[0], 'pause');
    const batches = events.join(' ').split('pause ').slice(1).map((b) => b.trim().split(' ').filter(Boolean));
    assert.ok(batches.length >= Math.ceil((40 * 30 * 8640) / MAX_BATCH_WEIGHT), `${batches.length} batches`);
    assert.deepEqual(batches.flat(), names.filter((n) => n !== 'stall.missing.cpu.user'));

    // the same answers as a read all at once, shaped
    const whole = await reader.fetchMany(names, from, NOW, NOW);
    for (let i = 0; i < names.length; i++) {
      const a = got[i];
      const b = whole[i];
      if (b === null) {
        assert.equal(a, null);
        continue;
      }
      assert.ok(a !== null);
      assert.equal(a.name, b.name);
      assert.equal(a.start, b.start);
      assert.equal(a.step, 10);
      assert.equal(b.values.length, 30 * 8640);
      assert.deepEqual(Array.from(a.values), Array.from(b.values.subarray(b.values.length - 3)));
      // the day written is there: its last points are values, not nulls
      assert.ok(a.values.every((v) => v === v));
    }
  } finally {
    await t.destroy();
  }
});
