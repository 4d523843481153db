import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCluster } from '../helpers/cluster.js';
import { startGoldenCluster, noPartial, DIR, index, NAMES, type GoldenCluster } from './golden-cluster.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { replayCaptured } from '../helpers/render-compare.js';
import { readFileSync } from 'node:fs';
import { startOracle } from '../helpers/oracle.js';
import { assertJsonClose } from '../helpers/compare.js';
// @ts-expect-error: a plain ES module shared with the capture script
import { requests as federationRequests, NOW_SECONDS as FEDERATION_NOW } from '../fixtures/render/federation/requests.mjs';
import { fetchFindCase, loadFindCases, replayFindCases } from '../helpers/find-replay.js';

/**
 * Three carbyne nodes as separate processes, shared nothing, replication 2: the golden sample
 * data is sent through carbon-c-relay (carbon_ch, replication 2), as in production. Then
 * graphite-web's captured answers (test/fixtures/render/golden) are replayed
 * against each of the other nodes: every node answers for the whole cluster exactly as one
 * graphite-web (or one carbyne) holding all the data does; the same for the find captures
 * (test/fixtures/find, the shared tree). And graphite-web can federate over the nodes: with the
 * three as its CLUSTER_SERVERS it asks each for its own data (local=1) and merges the replicas.
 */

let golden: GoldenCluster;
let cluster: TestCluster;

before(async () => {
  golden = await startGoldenCluster();
  cluster = golden.cluster;
});

after(() => golden?.destroy());

test('the data is spread: no node holds every series, each holds some', async () => {
  const counts = [];
  for (const node of cluster.nodes) {
    const res = await fetch(`${node.url}/metrics/index.json?local=1`);
    counts.push(((await res.json()) as string[]).length);
  }
  const all = (await (await fetch(`${cluster.nodes[0].url}/metrics/index.json`)).json()) as string[];
  for (const n of counts) {
    assert.ok(n > 0 && n < all.length, `${counts.join(', ')} of ${all.length}`);
  }
  // replication 2: every series is on two nodes
  assert.equal(counts.reduce((a, b) => a + b, 0), 2 * all.length);
});

test('every captured render answers as graphite-web does through node b and node c, read from hot chunks', async () => {
  assert.ok(NAMES.length > 100);
  assert.deepEqual(await replayCaptured(cluster.node('b').url, DIR, index, NAMES, noPartial), []);
  assert.deepEqual(await replayCaptured(cluster.node('c').url, DIR, index, NAMES, noPartial), []);
});

test("local=1 answers from the node's own data: an owner answers as graphite-web, the other node nothing", async () => {
  const target = 'servers.web01.cpu.user';
  assert.match(index.requests.local.query, new RegExp(`target=${target}&.*local=1`));
  const owners = ((await (await fetch(`${cluster.node('a').url}/cluster?name=${target}`)).json()) as { owners: string[] }).owners;
  assert.equal(owners.length, 2);
  const owner = cluster.node(owners[1]);
  const other = cluster.nodes.find((n) => !owners.includes(n.name))!;
  assert.deepEqual(await replayCaptured(owner.url, DIR, index, ['local'], noPartial), []);
  const res = await fetch(`${other.url}/render?${index.requests.local.query}`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), []);
  // without local=1 the other node answers for the cluster
  const all = await fetch(`${other.url}/render?${index.requests.local.query.replace('&local=1', '')}`);
  assert.equal(((await all.json()) as unknown[]).length, 1);
});

test('every captured render answers as graphite-web does through node b, read from the store', async () => {
  await cluster.command('persist');
  assert.deepEqual(await replayCaptured(cluster.node('b').url, DIR, index, NAMES, noPartial), []);
});

test('find, expand and index.json answer as graphite-web 1.1.8 through node c (the shared tree)', async () => {
  const cases = loadFindCases('shared');
  const c = cluster.node('c');
  try {
    const failures = await replayFindCases(cases, { setNow: async (seconds) => void (await c.command('clock', seconds)), ask: (k) => fetchFindCase(c.url, k) });
    assert.deepEqual(failures, []);
  } finally {
    await cluster.command('clock', GOLDEN_NOW);
  }
});

test('graphite-web federating over the three nodes (CLUSTER_SERVERS, local=1 to each) answers as graphite-web over whisper', async () => {
  assert.equal(FEDERATION_NOW, GOLDEN_NOW);
  const front = await startOracle({ clusterServers: cluster.nodes.map((n) => n.url.replace(/^http:\/\//, '')) });
  try {
    const failures: string[] = [];
    for (const [name, query] of Object.entries(federationRequests as Record<string, string>)) {
      const res = await fetch(`${front.url}/render?${query}`);
      const body = await res.text();
      try {
        assert.equal(res.status, 200, `${name}: ${body.slice(0, 300)}`);
        assertJsonClose(JSON.parse(body), JSON.parse(readFileSync(`test/fixtures/render/federation/${name}.json`, 'utf8')), name);
      } catch (err) {
        failures.push((err as Error).message.split('\n')[0]);
      }
    }
    assert.deepEqual(failures, []);
  } finally {
    await front.stop();
  }
});
