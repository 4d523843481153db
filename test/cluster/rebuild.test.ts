import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestCluster, type TestNode } from '../helpers/cluster.js';
import { sendCarbon, waitForCount, waitForLeaves } from '../helpers/carbon-send.js';
import { ClusterMap } from '../../src/cluster/cluster-map.js';
import { validateConfig } from '../../src/config/load.js';
import { nodeEntries } from '../helpers/node-bundle.js';
import { localSeries, renderThrough, twoResolutionSeries } from './node-answers.js';

/**
 * A node's data directory lost: three nodes, replication 2, 300 series with a fine and a coarse
 * resolution, data reaching well into the coarse one. Node b is stopped, its data directory
 * deleted, and it starts again empty: its own data (`local=1`) lacks what it had, while the
 * cluster's answers stay whole through the replicas. `carbyne rebuild b --dry-run` lists what
 * would be copied; `carbyne rebuild b` copies every series b owns from the other owners, and
 * b's own answers are then what they were before, at both resolutions.
 */
const SERIES = 300;
const data = twoResolutionSeries('rd', SERIES);
const T0 = data.t0;

let cluster: TestCluster | undefined;
after(() => cluster?.destroy());

const render = (node: TestNode, from: number, local = false) => renderThrough(node, 'rd.*', from, T0, local);

test("a node whose data directory was lost gets every series it owns back from the other owners with carbyne rebuild", { timeout: 900_000 }, async () => {
  cluster = await TestCluster.start({
    replicas: 2,
    config: { retentions: data.retentions, cluster: { probeIntervalMs: 250 } },
  });
  const [a, b, c] = cluster.nodes;
  const map = new ClusterMap(validateConfig({ cluster: { self: 'a', nodes: cluster.entries, replicas: 2 } }).cluster);
  const owned = (node: string) => data.names.filter((n) => map.owners(n).some((o) => o.name === node)).sort();
  assert.ok(owned('b').length > 0 && owned('b').length < SERIES);

  // the relay's part: each series' points to every one of its owners (a node that owns a point
  // keeps it and forwards it to no one: the relay sends it to the other owners)
  const perPoint = data.points / SERIES;
  for (const node of cluster.nodes) {
    const mine = new Set(owned(node.name));
    await sendCarbon(node.carbon, data.text.split('\n').filter((line) => mine.has(line.split(' ')[0])).map((line) => `${line}\n`).join(''));
  }
  for (const node of cluster.nodes) {
    await waitForCount(`points accepted by ${node.name}`, async () => Number(await node.command('counter', 'ingest.tcp.points_accepted')), owned(node.name).length * perPoint);
  }
  await waitForLeaves(a.url, SERIES);
  // b's index learns of its series shortly after their points
  await waitForCount("series in b's own index", async () => (await localSeries(b)).length, owned('b').length);
  assert.deepEqual(await localSeries(b), owned('b'));

  const whole = await render(a, T0 - 6000, false);
  const longBefore = await render(b, T0 - 6000, true);
  const shortBefore = await render(b, T0 - 300, true);
  assert.deepEqual(Object.keys(longBefore).sort(), owned('b'));
  // the coarse resolution answers the long range (10 s), the fine one the short range (1 s)
  const some = owned('b')[0];
  assert.equal(longBefore[some][1][1] - longBefore[some][0][1], 10);
  assert.equal(shortBefore[some][1][1] - shortBefore[some][0][1], 1);

  // b loses its data directory and comes back empty
  await b.stop();
  rmSync(b.dataDir, { recursive: true, force: true });
  await b.start();
  await cluster.waitUntilAllUp();
  assert.notDeepEqual(await render(b, T0 - 6000, true), longBefore, "b's own data lacks what it had");
  for (const node of [a, b, c]) assert.deepEqual(await render(node, T0 - 6000, false), whole, `the cluster's answer through ${node.name} stays whole`);

  const dry = await cluster.runCli(['rebuild', 'b', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  const listed = dry.stdout.split('\n').filter((l) => / -> b$/.test(l));
  assert.deepEqual(listed.map((l) => l.trim().split(':')[0]).sort(), owned('b'), 'the dry run lists every series b owns, once');
  for (const line of listed) {
    const [name, route] = line.trim().split(': ');
    const source = route.split(' -> ')[0];
    assert.equal(source, map.owners(name).find((o) => o.name !== 'b')!.name, `${name} is copied from its other owner`);
  }

  const run = await cluster.runCli(['rebuild', 'b']);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, new RegExp(`^b: ${owned('b').length} of ${owned('b').length} series copied`, 'm'));
  await waitForCount("series in b's own index after the rebuild", async () => (await localSeries(b)).length, owned('b').length);
  assert.deepEqual(await localSeries(b), owned('b'));
  assert.deepEqual(await render(b, T0 - 6000, true), longBefore, "b's own data, coarse resolution, is what it was");
  assert.deepEqual(await render(b, T0 - 300, true), shortBefore, "b's own data, fine resolution, is what it was");
  for (const node of [a, b, c]) assert.deepEqual(await render(node, T0 - 6000, false), whole, `the cluster's answer through ${node.name} after the rebuild`);

  // the command's refusals: an unknown node, no node named
  const unknown = await cluster.runCli(['rebuild', 'z']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no node named z/);
  const none = await cluster.runCli(['rebuild']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /usage: carbyne rebuild NODE/);
});

test('carbyne rebuild refuses a shared-store cluster, naming the topology it is for', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-rebuild-shared-'));
  try {
    const file = join(dir, 'config.json');
    const nodes = ['a', 'b'].map((name, i) => ({ name, url: `http://127.0.0.1:${9 + i}`, carbon: `127.0.0.1:${9 + i}` }));
    writeFileSync(file, JSON.stringify({ store: { writer: 'a', lmdb: { path: join(dir, 'store'), shared: true } }, cluster: { self: 'a', topology: 'shared-store', replicas: 2, nodes } }));
    const run = spawnSync(process.execPath, ['--enable-source-maps', (await nodeEntries()).cli, 'rebuild', 'b', '--config', file], { encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /rebuild is for shared-nothing clusters/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
