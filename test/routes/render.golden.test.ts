import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { readCaptureIndex, replayCaptured } from '../helpers/render-compare.js';

// graphite-web's answers, captured by test/fixtures/render/golden/capture.mjs
const DIR = 'test/fixtures/render/golden';
const index = readCaptureIndex(DIR);

/** The Grafana requests are replayed by render.grafana.test.ts, which also parses them as Grafana does. */
const GRAFANA = (name: string) => name.startsWith('grafana_');

// the golden data through the real engine, loaded once: read hot first, then from the store
let t: GoldenApp;
before(async () => {
  assert.equal(index.now, GOLDEN_NOW);
  t = await startGoldenApp();
});
after(() => t.destroy());

async function replayAll(): Promise<void> {
  const names = Object.keys(index.requests).filter((n) => !GRAFANA(n));
  assert.ok(names.length > 100);
  assert.deepEqual(await replayCaptured(t.url, DIR, index, names), []);
}

test('every captured request answers as graphite-web does, read from hot chunks', () => replayAll());

test('every captured request answers as graphite-web does, read from the store and hot chunks merged', async () => {
  await t.flushClosedWindows();
  await replayAll();
});

test('every captured request answers as graphite-web does, read from the store', async () => {
  await t.persist();
  await replayAll();
});

test('graphite-web error messages are kept word for word where carbyne raises the same error', async () => {
  for (const name of ['err_bad_from', 'err_bad_until', 'err_bad_now', 'err_bare_m', 'err_empty_range', 'err_unknown_function']) {
    const c = index.requests[name];
    const res = await fetch(`${t.url}/render?${c.query}`);
    const body = await res.text();
    const theirs = readFileSync(`${DIR}/${c.file}`, 'utf8').trim();
    assert.equal(res.status, 400, name);
    assert.ok(body.startsWith(theirs.replace(/\)(; targets: .*)?$/, '')), `${name}: ${body} vs ${theirs}`);
  }
});

test("the unknown-function error is graphite-web's, byte for byte", async () => {
  const c = index.requests.err_unknown_function;
  const res = await fetch(`${t.url}/render?${c.query}`);
  assert.equal(await res.text(), readFileSync(`${DIR}/${c.file}`, 'utf8'));
});
