import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestCluster } from '../helpers/cluster.js';
import { sendCarbon, waitForCount } from '../helpers/carbon-send.js';
import { releaseTestBackend, testBackendConfig } from '../helpers/test-backend.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { ClusterMap } from '../../src/cluster/cluster-map.js';
import { validateConfig } from '../../src/config/load.js';
import { localSeries } from './node-answers.js';
import { PARTIAL_HEADER } from '../../src/routes/cluster-scope.js';

/**
 * /metrics/index.json through the node at `url`, sorted. An answer that says it is partial (a
 * peer was taken for down: the test servers share two cores with other tests) is asked again;
 * one that does not say so must be whole, and is returned as it is.
 */
async function wholeIndex(url: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${url}/metrics/index.json`);
    const body = ((await res.json()) as string[]).sort();
    if (res.headers.get(PARTIAL_HEADER) === null || attempt === 20) return body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Shared nothing on remote backends: each of two nodes has its own Cassandra keyspace (store and
 * index) on a CQL test server of its own. A remote index is not the cluster's: every node's finds
 * still ask the other node, and list every series whichever node owns it.
 */
const SERIES = 40;
const keys: string[] = [];
let cluster: TestCluster | undefined;
after(async () => {
  try {
    await cluster?.destroy();
  } finally {
    for (const key of keys) {
      await releaseTestBackend(key);
      rmSync(key, { recursive: true, force: true });
    }
  }
});

test('shared nothing, each node its own Cassandra store and index: finds through either node list every series', { timeout: 600_000 }, async () => {
  const backends: Record<string, ConfigInput> = {};
  for (const name of ['a', 'b']) {
    const key = mkdtempSync(join(tmpdir(), `carbyne-remote-index-${name}-`));
    keys.push(key);
    backends[name] = await testBackendConfig(key, 'cassandra');
  }
  cluster = await TestCluster.start({ names: ['a', 'b'], config: { retentions: [{ pattern: '.*', retentions: '10s:1d' }] }, perNode: (name) => backends[name] });
  const [a, b] = cluster.nodes;
  const names = Array.from({ length: SERIES }, (_, i) => `ri.s${i}`);
  const map = new ClusterMap(validateConfig({ cluster: { self: 'a', nodes: cluster.entries } }).cluster);
  const owned = (node: string) => names.filter((n) => map.owners(n)[0].name === node).sort();
  assert.ok(owned('a').length > 0 && owned('b').length > 0);

  const now = Math.floor(Date.now() / 1000);
  await sendCarbon(a.carbon, names.map((n, i) => `${n} ${i} ${now - 60}\n`).join(''));
  await waitForCount('points accepted by a', async () => Number(await a.command('counter', 'ingest.tcp.points_accepted')), SERIES);
  await cluster.drain();
  // each node's own index has learnt of its series: then the cluster's finds must list them all at once
  for (const node of [a, b]) await waitForCount(`series indexed by ${node.name}`, async () => (await localSeries(node)).length, owned(node.name).length);
  for (const node of [a, b]) {
    assert.deepEqual(await wholeIndex(node.url), [...names].sort(), `every series through ${node.name}`);
    assert.deepEqual(await localSeries(node), owned(node.name), `${node.name}'s own index holds its own series`);
  }
});
