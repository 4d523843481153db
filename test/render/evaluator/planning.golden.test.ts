/**
 * The planning pass on real data: every captured function case (test/fixtures/functions/golden)
 * asked of the golden app through GET /render, with a counting SeriesReader around the real one.
 * Each answer equals graphite-web's, and each series is read once per distinct time range, the
 * ranges graphite-web reads: for nested functions that read their argument again (timeShift in
 * a moving window, a moving window in timeShift, a window of points whose look-back needs the
 * step) exactly the ranges listed below.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchedSeries, SeriesReader } from '../../../src/readers/series-reader.js';
import { startGoldenApp, type GoldenApp } from '../../helpers/golden-app.js';
import { assertCaseAnswer } from '../../helpers/golden-answer.js';
import { allCapturedCases, NOW, type CapturedCase } from '../../fixtures/functions/cases.js';

/** Counts the reads of the real reader, per series and range. */
class CountingReader implements SeriesReader {
  inner: SeriesReader | undefined;
  reads = new Map<string, number>();

  fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    this.count([name], from, until);
    return this.inner!.fetch(name, from, until, now);
  }

  fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    this.count(names, from, until);
    return this.inner!.fetchMany(names, from, until, now);
  }

  private count(names: readonly string[], from: number, until: number): void {
    for (const name of names) {
      const key = `${name} ${from - NOW}..${until - NOW}`;
      this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
    }
  }
}

const counting = new CountingReader();
const cases = new Map(allCapturedCases().map(({ c }) => [c.id, c]));
let app: GoldenApp;

before(async () => {
  app = await startGoldenApp({ app: { seriesReader: counting } });
  counting.inner = app.app.storage.reader;
});
after(() => app.destroy());

/** the reads one case makes: `series from..until` (seconds from NOW) -> how many times */
async function readsOf(c: CapturedCase): Promise<Map<string, number>> {
  counting.reads = new Map();
  const res = await fetch(app.url + c.url);
  assert.equal(res.status, 200, `${c.id}: ${res.status === 200 ? '' : await res.text()}`);
  assertCaseAnswer(await res.json(), c);
  return counting.reads;
}

test('every captured case answers as graphite-web with each series read once per range', async () => {
  for (const c of cases.values()) {
    const twice = [...(await readsOf(c))].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], `${c.id}: ${c.target}`);
  }
});

/** `series from..until` for each series and each range given as [from, until] seconds from NOW */
const expected = (series: string[], ranges: [number, number][]) => series.flatMap((s) => ranges.map(([f, u]) => `${s} ${f}..${u}`)).sort();
const readKeys = async (id: string) => [...(await readsOf(cases.get(id)!)).keys()].sort();
const cpuUser = ['servers.db01.cpu.user', 'servers.web01.cpu.user', 'servers.web02.cpu.user', 'servers.web03.cpu.user'];

test('movingAverage(timeShift(a.*, "1h"), "5min"): the request, shifted, looked back, looked back and shifted', async () => {
  const c = cases.get('movingAverage_of_timeShift')!;
  assert.equal(c.target, 'movingAverage(timeShift(servers.*.cpu.user, "1h"), "5min")');
  assert.deepEqual(await readKeys(c.id), expected(cpuUser, [[-1800, 0], [-5400, -3600], [-2100, 0], [-5700, -3600]]));
});

test('a window of points reads its look-back from the step of the series over the request, even into a coarser archive', async () => {
  // 5 points of the 10 s archive: 50 s earlier, which whisper answers from the 60 s archive
  assert.deepEqual(await readKeys('movingAverage_points_coarser_archive'), expected(['servers.web01.cpu.user'], [[-86370, 0], [-86420, 0]]));
  // the same window in timeShift: over the request and within the shifted range, each with its look-back
  assert.deepEqual(await readKeys('timeShift_of_movingAverage_points'), expected(['servers.web01.cpu.user'], [[-1800, 0], [-1850, 0], [-5400, -3600], [-5450, -3600]]));
});

test('the same look-back in two calls, and one series under two expressions, are each read once', async () => {
  assert.deepEqual(await readKeys('movingSum_twice'), expected(['apps.api.requests.count'], [[-600, 0], [-630, 0]]));
  assert.deepEqual(await readKeys('timeShift_shared_series'), expected(cpuUser, [[-600, 0], [-4200, -3600]]));
  assert.deepEqual(await readKeys('movingAverage_of_movingAverage'), expected(['servers.web01.cpu.user'], [[-600, 0], [-660, 0], [-720, 0]]));
});

test('Holt-Winters functions read their bootstrap before the request once, beside the request itself', async () => {
  const week = 7 * 86400;
  assert.deepEqual(await readKeys('holtWintersForecast_default'), expected(['apps.worker.queue.depth'], [[-600, 0], [-600 - week, 0]]));
  const web = ['servers.web01.cpu.user', 'servers.web02.cpu.user', 'servers.web03.cpu.user'];
  assert.deepEqual(await readKeys('holtWintersAberration_delta_wildcard'), expected(web, [[-1200, 0], [-1200 - 7200, 0]]));
  const system = ['servers.web01.cpu.system', 'servers.web02.cpu.system', 'servers.web03.cpu.system'];
  assert.deepEqual(await readKeys('holtWintersConfidenceArea_of_sum'), expected(system, [[-600, 0], [-4200, 0]]));
});

test('linearRegression reads its source range, and the request range once when they are the same', async () => {
  // 00:00 and 02:00 of the day NOW (03:03) is in
  assert.deepEqual(await readKeys('linearRegression_source_range'), expected(['servers.web01.cpu.user'], [[-1800, 0], [-10980, -3780]]));
  assert.deepEqual(await readKeys('linearRegression_request_range'), expected(['servers.web01.cpu.user', 'servers.web02.cpu.user', 'servers.web03.cpu.user'], [[-3600, 0]]));
});

test('exponentialMovingAverage of points looks back by the step of the series over the request', async () => {
  assert.deepEqual(await readKeys('exponentialMovingAverage_points'), expected(['servers.web01.cpu.user'], [[-600, 0], [-700, 0]]));
});
