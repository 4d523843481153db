import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestApp } from '../helpers/app.js';
import { ManualClock } from '../../src/lib/clock.js';
import { WhisperEmulation } from '../helpers/whisper-emulation.js';
import { assertSameAnswer } from '../helpers/render-compare.js';

// graphite-web's answers, captured by test/fixtures/render/golden/capture.mjs
const DIR = 'test/fixtures/render/golden';
interface Captured {
  method: 'GET' | 'POST';
  query: string;
  body: string | null;
  status: number;
  contentType: string;
  file: string;
}
const index = JSON.parse(readFileSync(`${DIR}/index.json`, 'utf8')) as { now: number; requests: Record<string, Captured> };

/**
 * Requests that need render functions: the Grafana test replays grafana_* with its own aliasSub,
 * the consolidation test replays fn_consolidateBy_*.
 */
const NEEDS_FUNCTIONS = (name: string) => name.startsWith('grafana_') || name.startsWith('fn_');

let t: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  const data = WhisperEmulation.fromGoldenData(index.now);
  t = await startTestApp({}, new ManualClock(index.now * 1000), { metricIndex: data, seriesReader: data });
});
after(() => t.destroy());

test('every captured request answers as graphite-web does', async () => {
  const names = Object.keys(index.requests).filter((n) => !NEEDS_FUNCTIONS(n));
  assert.ok(names.length > 100);
  const failures: string[] = [];
  for (const name of names) {
    const c = index.requests[name];
    const res = await fetch(`${t.url}/render?${c.query}`, c.method === 'POST' ? { method: 'POST', body: c.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {});
    const actual = { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
    const expected = { status: c.status, contentType: c.contentType, body: readFileSync(`${DIR}/${c.file}`) };
    try {
      assertSameAnswer(name, actual, expected);
    } catch (err) {
      failures.push((err as Error).message.split('\n')[0]);
    }
  }
  assert.deepEqual(failures, []);
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
