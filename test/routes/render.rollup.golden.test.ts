import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { ROLLUP_DATA } from '../helpers/golden-data.js';
import { numbersClose } from '../helpers/compare.js';
import { readCaptureIndex, replayCaptured } from '../helpers/render-compare.js';

/**
 * Rollup resolutions end to end: series with two and three resolutions, every aggregation
 * method whisper has, gaps and xFilesFactor, read at each resolution (and across the boundaries
 * between them) through /render, must answer as graphite-web 1.1.8 over whisper files of the
 * same points (test/fixtures/rollup/capture.ts made both and captured the answers); from hot
 * chunks, from the store, and after a restart.
 */
const DIR = 'test/fixtures/rollup';
const index = readCaptureIndex(DIR);

/**
 * The average of a three-resolution series with gaps, read at its coarsest resolution: carbyne's
 * 600 s buckets average the raw points, whisper's average the 60 s averages (a deliberate
 * difference, docs/storage-engine.md). Checked on its own below.
 */
const CASCADE = ['avg_cascade_coarsest', 'avg_cascade_clamped'];

let t: GoldenApp;
before(async () => {
  assert.equal(index.now, ROLLUP_DATA.now);
  t = await startGoldenApp({ data: ROLLUP_DATA });
});
after(() => t.destroy());

const names = Object.keys(index.requests).filter((n) => !CASCADE.includes(n));

async function replayAll(): Promise<void> {
  assert.ok(names.length > 80);
  assert.deepEqual(await replayCaptured(t.url, DIR, index, names), []);
  await checkCascade();
}

test('every rollup request answers as graphite-web does, read from hot chunks', () => replayAll());

test('every rollup request answers as graphite-web does, read from the store and hot chunks merged', async () => {
  await t.flushClosedWindows();
  await replayAll();
});

test('every rollup request answers as graphite-web does, read from the store', async () => {
  await t.persist();
  await replayAll();
});

test('every rollup request answers as graphite-web does after a restart', async () => {
  await t.restart();
  await replayAll();
});

/** The raw points of one series: time -> value. */
function rawPoints(name: string): Map<number, number> {
  const points = new Map<number, number>();
  for (const line of ROLLUP_DATA.plaintext().toString('utf8').split('\n')) {
    const [path, value, ts] = line.split(' ');
    if (path === name) points.set(Number(ts), Number(value));
  }
  return points;
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * rollup.avg.cascade (10s:1h,60s:6h,600s:2d, average) at 600 s: graphite-web's answer, except
 * in the buckets of the last hour (whose 60 s buckets whisper propagated from the 10 s ones):
 * there carbyne's value is the average of the bucket's raw points, graphite-web's the average of
 * its 60 s averages, each recomputed here from the points.
 */
async function checkCascade(): Promise<void> {
  const raw = rawPoints('rollup.avg.cascade');
  const cascadeFrom = ROLLUP_DATA.now - 3600;
  let differing = 0;
  for (const name of CASCADE) {
    const c = index.requests[name];
    type Answer = Array<{ target: string; tags: Record<string, string>; datapoints: Array<[number | null, number]> }>;
    const theirs = JSON.parse(readFileSync(`${DIR}/${c.file}`, 'utf8')) as Answer;
    const ours = (await (await fetch(`${t.url}/render?${c.query}`)).json()) as Answer;
    assert.equal(ours.length, 1);
    assert.deepEqual({ ...ours[0], datapoints: [] }, { ...theirs[0], datapoints: [] }, name);
    assert.deepEqual(ours[0].datapoints.map((p) => p[1]), theirs[0].datapoints.map((p) => p[1]), `${name}: timestamps`);
    ours[0].datapoints.forEach(([value, ts], i) => {
      const expected = theirs[0].datapoints[i][0];
      if (ts < cascadeFrom) {
        assert.ok(value === expected || (value !== null && expected !== null && numbersClose(value, expected)), `${name} at ${ts}: ${value} != ${expected}`);
        return;
      }
      const minutes: number[][] = [];
      for (let m = 0; m < 10; m++) {
        const inMinute: number[] = [];
        for (let s = 0; s < 60; s += 10) {
          const v = raw.get(ts + m * 60 + s);
          if (v !== undefined) inMinute.push(v);
        }
        if (inMinute.length > 0) minutes.push(inMinute);
      }
      if (minutes.length === 0) {
        assert.ok(value === null && expected === null, `${name} at ${ts}: no points, no value`);
        return;
      }
      assert.ok(value !== null && expected !== null, `${name} at ${ts}: a value in both`);
      assert.ok(numbersClose(value, mean(minutes.flat())), `${name} at ${ts}: carbyne ${value} is the average of the raw points`);
      assert.ok(numbersClose(expected, mean(minutes.map(mean))), `${name} at ${ts}: graphite-web ${expected} is the average of the 60 s averages`);
      if (!numbersClose(value, expected)) differing++;
    });
  }
  assert.ok(differing > 0, 'the data shows the difference');
}
