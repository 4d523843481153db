import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestCluster, TestNode } from '../helpers/cluster.js';
import { startGoldenCluster, noPartial, DIR, index, NAMES, type GoldenCluster } from './golden-cluster.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { replayCaptured } from '../helpers/render-compare.js';
import { fetchFindCase, loadFindCases, replayFindCases, sampleNames } from '../helpers/find-replay.js';
import { validateConfig } from '../../src/config/load.js';
import { ClusterMap } from '../../src/cluster/cluster-map.js';
import { displayName, seriesId } from '../../src/series/id.js';
import { startSharedStore, type SharedStore } from './shared-store-backend.js';

/**
 * The shared-store topology on the suites' backend (shared-store-backend.ts: one LMDB
 * environment, store.lmdb.shared, or one Cassandra keyspace, with Elasticsearch for the index
 * or not; three processes, each its own data directory and store.writer), replication 2 behind
 * carbon-c-relay: every node answers graphite-web's captured renders and finds for the whole
 * cluster while the data is hot on the owners, once the primary owners have persisted the
 * closed windows (the replicas letting their copies go, unwritten), and once everything is
 * persisted; the closed windows in the store were written by the series' primary owners only.
 */

let store: SharedStore;
let golden: GoldenCluster;
let cluster: TestCluster;

before(async () => {
  store = await startSharedStore();
  golden = await startGoldenCluster({
    // flush rounds only when the test asks (the engine's timer would run its own)
    config: { cluster: { topology: 'shared-store', probeIntervalMs: 200 }, flush: { intervalMs: 3_600_000 } },
    perNode: (name, root) => store.perNode(name, root),
  });
  cluster = golden.cluster;
});

after(async () => {
  try {
    await golden?.destroy();
  } finally {
    await store?.release();
  }
});

async function counters(name: string): Promise<number> {
  return (await Promise.all(cluster.nodes.map((n) => n.command('counter', name)))).reduce((a: number, b) => a + Number(b), 0);
}

/** Waits (a few probe intervals; generously, for a loaded machine) until every node has heard of every node's round at `at` or later. */
async function everyNodeSeesRound(at: number): Promise<void> {
  for (const until = Date.now() + 180_000; ; ) {
    const views = await Promise.all(cluster.nodes.map(async (n: TestNode) => (await (await fetch(`${n.url}/cluster`)).json()) as { nodes: Array<{ persistedAt: number | null }> }));
    if (views.every((v) => v.nodes.every((x) => x.persistedAt !== null && x.persistedAt >= at))) return;
    assert.ok(Date.now() < until, `the nodes did not learn of each other's rounds: ${JSON.stringify(views.map((v) => v.nodes.map((x) => x.persistedAt)))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('every captured render answers as graphite-web does through node b, everything hot on the owners', async () => {
  assert.deepEqual(await replayCaptured(cluster.node('b').url, DIR, index, NAMES, noPartial), []);
});

test('the primary owners persist the closed windows, the replicas let theirs go, and node b still answers every render', async () => {
  // ten seconds on: the windows closed before are past the replicas' wait for the primary's word
  await cluster.command('clock', GOLDEN_NOW + 10);
  await cluster.command('flush');
  await everyNodeSeesRound(GOLDEN_NOW + 10);
  assert.equal(await counters('engine.chunks_dropped'), 0, 'nothing is let go before the primary has written it');
  await cluster.command('flush');
  assert.ok((await counters('engine.chunks_dropped')) > 0, 'the replicas let their copies of the persisted windows go');
  assert.deepEqual(await replayCaptured(cluster.node('b').url, DIR, index, NAMES, noPartial), []);

  // closed windows in the store: written by the primary owner alone
  const map = new ClusterMap(validateConfig({ cluster: { self: 'a', nodes: cluster.entries, replicas: 2 } }).cluster);
  const backends = await store.open(cluster.root);
  try {
    const wrong: string[] = [];
    let chunks = 0;
    for (const metric of sampleNames()) {
      const name = displayName(metric);
      const primary = map.owners(name)[0].name;
      for (const step of [1, 10, 60]) {
        for (const c of await backends.store.read(seriesId(metric), step, GOLDEN_NOW - 30 * 86400, GOLDEN_NOW)) {
          chunks++;
          if (c.writer !== primary) wrong.push(`${name}: a ${step} s chunk ending ${c.end} written by ${c.writer}, not by its primary ${primary}`);
        }
      }
    }
    assert.ok(chunks > 0, 'closed windows are in the store');
    assert.deepEqual(wrong.slice(0, 10), []);
  } finally {
    await backends.close();
  }
});

test('every captured render and find answers as graphite-web does once everything is persisted', async () => {
  await cluster.command('persist');
  assert.deepEqual(await replayCaptured(cluster.node('c').url, DIR, index, NAMES, noPartial), []);
  const c = cluster.node('c');
  try {
    const failures = await replayFindCases(loadFindCases('shared'), { setNow: async (seconds) => void (await c.command('clock', seconds)), ask: (k) => fetchFindCase(c.url, k) });
    assert.deepEqual(failures, []);
  } finally {
    await c.command('clock', GOLDEN_NOW + 10);
  }
});
