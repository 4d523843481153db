import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster, type TestNode } from '../helpers/cluster.js';
import { sendCarbon, waitForCount, waitForLeaves } from '../helpers/carbon-send.js';
import { ClusterMap } from '../../src/cluster/cluster-map.js';
import { validateConfig } from '../../src/config/load.js';
import { localSeries, renderThrough, twoResolutionSeries } from './node-answers.js';

/**
 * Adding a node: two nodes hold 300 series (replication 1, a fine and a coarse resolution, data
 * reaching well into the coarse one); node c joins. Meanwhile every node answers every series
 * as before (the nodes whose finds return a series are read too). `carbyne rebalance --dry-run`
 * lists the moves and moves nothing; `carbyne rebalance --delete` copies each series c now owns
 * to c, both resolutions, and removes it from where it was: afterwards every node holds exactly
 * what it owns and every answer is the same as before.
 */
const SERIES = 300;
const data = twoResolutionSeries('rb', SERIES);
const T0 = data.t0;

let cluster: TestCluster | undefined;
after(() => cluster?.destroy());

const render = (node: TestNode, from: number, local = false) => renderThrough(node, 'rb.*', from, T0, local);

test('a node added: answers stay whole meanwhile, and rebalance moves its series to it', { timeout: 900_000 }, async () => {
  cluster = await TestCluster.start({
    names: ['a', 'b', 'c'],
    members: ['a', 'b'],
    config: { retentions: data.retentions, cluster: { probeIntervalMs: 250 } },
  });
  const [a, b, c] = cluster.nodes;
  await sendCarbon(a.carbon, data.text);
  await waitForCount('points accepted by a', async () => Number(await a.command('counter', 'ingest.tcp.points_accepted')), data.points);
  await cluster.drain();
  await waitForLeaves(a.url, SERIES);

  const long = await render(a, T0 - 6000);
  const short = await render(a, T0 - 300);
  assert.equal(Object.keys(long).length, SERIES);
  // the coarse resolution answers the long range (10 s), the fine one the short range (1 s)
  assert.equal(long['rb.s1'][1][1] - long['rb.s1'][0][1], 10);
  assert.equal(short['rb.s1'][1][1] - short['rb.s1'][0][1], 1);

  // c joins: a and b restart with the new list
  cluster.setMembers(['a', 'b', 'c']);
  await a.stop();
  await a.start();
  await b.stop();
  await b.start();
  await c.start();
  await cluster.waitUntilAllUp();
  const map = new ClusterMap(validateConfig({ cluster: { self: 'a', nodes: cluster.memberEntries } }).cluster);
  const owned = (node: string) => data.names.filter((n) => map.owners(n)[0].name === node).sort();
  assert.ok(owned('c').length > 0);
  assert.deepEqual(await localSeries(c), []);

  // meanwhile: every node, the new one too, answers as before
  for (const node of [a, b, c]) {
    assert.deepEqual(await render(node, T0 - 6000), long, `long range through ${node.name} before the rebalance`);
    assert.deepEqual(await render(node, T0 - 300), short, `short range through ${node.name} before the rebalance`);
  }

  const dry = await cluster.runCli(['rebalance', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.stdout.split('\n').filter((l) => / -> c$/.test(l)).length, owned('c').length);
  assert.deepEqual(await localSeries(c), [], 'a dry run moves nothing');

  const run = await cluster.runCli(['rebalance', '--delete']);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  for (const node of [a, b, c]) assert.deepEqual(await localSeries(node), owned(node.name), `${node.name} holds what it owns`);

  // c's own data is what a and b had, at both resolutions
  const fromC = await render(c, T0 - 6000, true);
  const shortC = await render(c, T0 - 300, true);
  for (const name of owned('c')) {
    assert.deepEqual(fromC[name], long[name], `${name}, coarse resolution, on c`);
    assert.deepEqual(shortC[name], short[name], `${name}, fine resolution, on c`);
  }
  for (const node of [a, b, c]) {
    assert.deepEqual(await render(node, T0 - 6000), long, `long range through ${node.name} after the rebalance`);
    assert.deepEqual(await render(node, T0 - 300), short, `short range through ${node.name} after the rebalance`);
  }
});
