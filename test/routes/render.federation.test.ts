import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { assertJsonClose } from '../helpers/compare.js';
import { startOracle, type RunningOracle } from '../helpers/oracle.js';
// @ts-expect-error: a plain ES module shared with the capture script
import { requests, NOW_SECONDS } from '../fixtures/render/federation/requests.mjs';

/**
 * A real client: graphite-web 1.1.8 as a federating front end (CLUSTER_SERVERS = carbyne, no
 * data of its own) fetches series from carbyne in pickle with local=1 and applies its own
 * functions. Its answers must equal graphite-web's over the whisper files of the same data
 * (captured by test/fixtures/render/federation/capture.mjs).
 */
const DIR = 'test/fixtures/render/federation';

let carbyne: GoldenApp;
let oracle: RunningOracle;
let frontEnd: string;

before(async () => {
  assert.equal(NOW_SECONDS, GOLDEN_NOW);
  carbyne = await startGoldenApp();
  oracle = await startOracle({ clusterServers: [carbyne.url.replace(/^http:\/\//, '')] });
  frontEnd = oracle.url;
});

after(async () => {
  try {
    await oracle?.stop();
  } finally {
    await carbyne?.destroy();
  }
});

async function replayAll(): Promise<void> {
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
}

test('graphite-web federating over carbyne answers as graphite-web over whisper (carbyne reads hot chunks)', () => replayAll());

test('graphite-web federating over carbyne answers as graphite-web over whisper (carbyne reads its store)', async () => {
  await carbyne.persist();
  await replayAll();
});

test('the front end really read from carbyne (its own data directory is empty)', async () => {
  const res = await fetch(`${frontEnd}/render?target=servers.web01.cpu.user&from=-5min&format=json&now=${NOW_SECONDS}&local=1`);
  assert.deepEqual(await res.json(), []);
});
