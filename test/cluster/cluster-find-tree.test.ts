import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.js';
import { sendCarbon, waitForCount, waitForLeaves } from '../helpers/carbon-send.js';
import { fetchFindCase, findTreeNames, loadFindCases, replayFindCases } from '../helpers/find-replay.js';

/**
 * The find captures of the `tree` suite (test/fixtures/find: odd characters, branches that are
 * also leaves, deep and wide levels) through a node of a three-node cluster, replication 1:
 * each name is sent once to node a, which forwards what it does not own, and node b answers
 * find, expand and index.json for all of them as graphite-web does over one tree.
 */
const NOW = 1795316580;
let cluster: TestCluster;

before(async () => {
  cluster = await TestCluster.start({ now: NOW, replicas: 1, config: { storageSchemas: 'test/fixtures/find/storage-schemas.conf' } });
  const names = findTreeNames().map((m) => m.name);
  const a = cluster.node('a');
  await sendCarbon(a.carbon, names.map((n) => `${n} 1 ${NOW - 30}\n`).join(''));
  await waitForCount('lines accepted by node a', async () => Number(await a.command('counter', 'ingest.tcp.points_accepted')), names.length);
  await cluster.drain();
  await waitForLeaves(cluster.node('b').url, names.length);
});

after(() => cluster?.destroy());

test('find, expand and index.json answer as graphite-web 1.1.8 through node b (the tree suite)', async () => {
  const b = cluster.node('b');
  const failures = await replayFindCases(loadFindCases('tree'), { setNow: async (seconds) => void (await b.command('clock', seconds)), ask: (c) => fetchFindCase(b.url, c) });
  assert.deepEqual(failures, []);
});
