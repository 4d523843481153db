import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from '../../src/lib/clock.js';
import { Canvas } from '../../src/render/graph/canvas.js';
import { startTestApp } from '../helpers/app.js';
import { registerBigIndex, writeStallSeries } from '../helpers/stall-data.js';

/**
 * Issue 14: a time limit stops the work, on the real engine and the real index (not a fake
 * that yields): past limits.render.timeoutMs a render stops reading series, past
 * limits.find.timeoutMs a find stops walking the tree; both answer 422 naming the setting.
 */
const NOW = 1_800_000_000;

test('a render past limits.render.timeoutMs answers 422 and stops reading series', async () => {
  const t = await startTestApp(
    {
      carbon: { enabled: false },
      pickle: { enabled: false },
      retentions: [{ pattern: '^stall\\.', retentions: '10s:30d' }],
      flush: { intervalMs: 2 ** 31 - 1 },
      // within the point cap (counted before any read), past the time limit
      limits: { render: { timeoutMs: 200, maxPoints: 10_000_000_000 } },
    },
    new ManualClock(NOW * 1000),
  );
  try {
    await writeStallSeries(t.app, 300, NOW);
    // count the engine's reads as the evaluator makes them
    const reader = t.app.seriesReader;
    const fetchMany = reader.fetchMany.bind(reader);
    let read = 0;
    reader.fetchMany = (names, ...rest) => {
      read += names.length;
      return fetchMany(names, ...rest);
    };
    // a render looks its series up first (planMany) and reads them after: count the reads
    const planMany = reader.planMany?.bind(reader);
    if (planMany) {
      reader.planMany = async (names, ...rest) => {
        const plan = await planMany(names, ...rest);
        return { ...plan, read: (pacing) => ((read += names.length), plan.read(pacing)) };
      };
    }
    // every series ten times over 30 days: far more reading than 200 ms allow
    const targets = Array.from({ length: 10 }, (_, i) => `target=timeShift(stall.*.cpu.user, "${i + 1}d")`).join('&');
    const r = await t.app.http.inject({ method: 'POST', url: '/render', payload: `${targets}&from=-30d&now=${NOW}&format=json`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.statusCode, 422, r.body.slice(0, 200));
    assert.match(r.body, /limits\.render\.timeoutMs/);
    const atAnswer = read;
    assert.ok(atAnswer < 3000, `it read ${atAnswer} of 3000 series before stopping`);
    // nothing more is read once the request has been answered
    await sleep(300);
    await t.app.http.inject({ url: `/render?target=stall.h001.cpu.user&from=-1h&now=${NOW}&format=json` });
    await sleep(300);
    assert.equal(read, atAnswer + 1, 'only the later request read (one series)');
  } finally {
    await t.destroy();
  }
});

test('a graph past limits.render.timeoutMs answers 422 and stops drawing', async () => {
  const TIMEOUT_MS = 5000;
  const t = await startTestApp(
    {
      carbon: { enabled: false },
      pickle: { enabled: false },
      retentions: [{ pattern: '^stall\\.', retentions: '10s:30d' }],
      flush: { intervalMs: 2 ** 31 - 1 },
      limits: { render: { timeoutMs: TIMEOUT_MS } },
    },
    new ManualClock(NOW * 1000),
  );
  // the points drawn, counted as the graph draws them. The first one waits until the time limit
  // has passed, holding the thread as a long drawing would: the limit is then past while the
  // drawing has most of its points to go, however long the reads before it took.
  const lineTo = Canvas.prototype.lineTo;
  let drawn = 0;
  let limitPassesAt = 0;
  Canvas.prototype.lineTo = function (this: Canvas, x: number, y: number) {
    if (drawn++ === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, limitPassesAt - performance.now()));
    return lineTo.call(this, x, y);
  };
  try {
    await writeStallSeries(t.app, 300, NOW);
    const reader = t.app.seriesReader;
    const fetchMany = reader.fetchMany.bind(reader);
    let read = 0;
    reader.fetchMany = async (names, ...rest) => {
      const answer = await fetchMany(names, ...rest);
      read += names.length;
      return answer;
    };
    // a render looks its series up first (planMany) and reads them after: count the reads done
    const planMany = reader.planMany?.bind(reader);
    if (planMany) {
      reader.planMany = async (names, ...rest) => {
        const plan = await planMany(names, ...rest);
        return {
          points: plan.points,
          series: plan.series,
          read: async (pacing) => {
            const answer = await plan.read(pacing);
            read += names.length;
            return answer;
          },
        };
      };
    }
    // a day of 300 series, 8640 points each, wide enough to draw every point
    for (const format of ['svg', 'png']) {
      read = 0;
      drawn = 0;
      limitPassesAt = performance.now() + TIMEOUT_MS + 50;
      const r = await t.app.http.inject({ url: `/render?target=stall.*.cpu.user&from=-1d&now=${NOW}&width=9000&height=600&format=${format}` });
      assert.equal(r.statusCode, 422, `${format}: ${r.body.slice(0, 200)}`);
      assert.match(r.body, /limits\.render\.timeoutMs/);
      assert.equal(read, 300, `${format}: every series was read within the limit`);
      const atAnswer = drawn;
      assert.ok(atAnswer > 0, `${format}: the drawing had begun`);
      assert.ok(atAnswer < 300 * 8640, `${format}: the drawing was stopped (${atAnswer} points drawn)`);
      // nothing more is drawn once the request has been answered
      await sleep(300);
      assert.equal(drawn, atAnswer, `${format}: points drawn after the answer`);
    }
  } finally {
    Canvas.prototype.lineTo = lineTo;
    await t.destroy();
  }
});

test('a find past limits.find.timeoutMs answers 422 and stops walking the index', async () => {
  const t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false }, limits: { find: { timeoutMs: 20, maxNodes: 1_000_000 } } });
  try {
    await registerBigIndex(t.app, 200_000);
    const finds = t.app.stats.timer('index.find_ms');
    const before = finds.count;
    const r = await t.app.http.inject({ url: '/metrics/find?query=big.*.*.cpu' });
    assert.equal(r.statusCode, 422, r.body.slice(0, 200));
    assert.match(r.body, /big\.\*\.\*\.cpu/);
    assert.match(r.body, /limits\.find\.timeoutMs/);
    // a later cheap find completes; the walk that timed out never does
    for (let i = 0; i < 20; i++) {
      const cheap = await t.app.http.inject({ url: '/metrics/find?query=big.h1.s1.cpu' });
      assert.equal(cheap.statusCode, 200);
      await sleep(50);
    }
    assert.equal(finds.count - before, 20, 'every cheap find completed, the timed-out walk did not');
  } finally {
    await t.destroy();
  }
});
