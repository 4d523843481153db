import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp } from '../helpers/app.js';
import { ManualClock } from '../../src/lib/clock.js';
import { WhisperEmulation } from '../helpers/whisper-emulation.js';
import { assertJsonClose } from '../helpers/compare.js';
// @ts-expect-error: a plain ES module shared with the capture script
import { requests, NOW_SECONDS } from '../fixtures/render/federation/requests.mjs';

/**
 * A real client: graphite-web 1.1.8 as a federating front end (CLUSTER_SERVERS = carbyne, no
 * data of its own) fetches series from carbyne in pickle with local=1 and applies its own
 * functions. Its answers must equal graphite-web's over the whisper files of the same data
 * (captured by test/fixtures/render/federation/capture.mjs).
 */
const run = promisify(execFile);
const ORACLE = resolve('../shared/tools/graphite-oracle');
const PORT = 8105;
const DIR = 'test/fixtures/render/federation';

let carbyne: Awaited<ReturnType<typeof startTestApp>>;
let work: string;
let frontEnd: string;

before(async () => {
  const data = WhisperEmulation.fromGoldenData(NOW_SECONDS as number);
  carbyne = await startTestApp({}, new ManualClock((NOW_SECONDS as number) * 1000), { metricIndex: data, seriesReader: data });
  work = mkdtempSync(join(tmpdir(), 'carbyne-federation-'));
  mkdirSync(join(work, 'data'));
  const cluster = carbyne.url.replace(/^http:\/\//, '');
  await run(`${ORACLE}/start.sh`, [join(work, 'data'), String(PORT), join(work, 'state')], {
    env: { ...process.env, ORACLE_CLUSTER_SERVERS: cluster, ORACLE_WORKERS: '1' },
    timeout: 300_000,
  });
  frontEnd = `http://127.0.0.1:${PORT}`;
});

after(async () => {
  try {
    if (work && existsSync(join(work, 'state'))) await run(`${ORACLE}/stop.sh`, [join(work, 'state')], { timeout: 60_000 });
  } finally {
    await carbyne?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

test('graphite-web federating over carbyne answers as graphite-web over whisper', async () => {
  const failures: string[] = [];
  for (const [name, query] of Object.entries(requests as Record<string, string>)) {
    const res = await fetch(`${frontEnd}/render?${query}`);
    const body = await res.text();
    try {
      assert.equal(res.status, 200, `${name}: ${body.slice(0, 300)}`);
      assertJsonClose(JSON.parse(body), JSON.parse(readFileSync(`${DIR}/${name}.json`, 'utf8')), name);
    } catch (err) {
      failures.push((err as Error).message.split('\n')[0]);
    }
  }
  assert.deepEqual(failures, []);
});

test('the front end really read from carbyne (its own data directory is empty)', async () => {
  const res = await fetch(`${frontEnd}/render?target=servers.web01.cpu.user&from=-5min&format=json&now=${NOW_SECONDS}&local=1`);
  assert.deepEqual(await res.json(), []);
});
