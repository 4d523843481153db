import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster, type TestNode } from '../helpers/cluster.js';
import { Relay } from '../helpers/relay.js';
import { freePorts } from '../helpers/free-ports.js';
import { sendCarbon, waitForCount, waitForLeaves } from '../helpers/carbon-send.js';
import { relayConfig } from './relay-routes.js';
import { ClusterMap } from '../../src/cluster/cluster-map.js';
import { taggedTreePath } from '../../src/finders/tagged-path.js';
import { validateConfig } from '../../src/config/load.js';
import { prometheusIdentity } from '../../src/lib/prometheus-names.js';

/**
 * carbon-c-relay (carbon_ch, replication 2) in front of three `carbyne serve` processes (the
 * cluster keys given as CARBYNE_CLUSTER_* variables): 100,000 names sent through the relay
 * land exactly where carbyne's ownership says (no node forwards a single point, and each node
 * holds exactly the names it owns), and a render through any node answers every series.
 */
const PLAIN = 99_000;
const TAGGED = 1_000;
const GROUP = 1_000;
const NOW = Math.floor(Date.now() / 1000);
const TS = NOW - 20;

const plainName = (i: number) => `relay.g${Math.floor(i / GROUP)}.n${i}`;
const taggedName = (i: number) => `relay.tagged.t${i};dc=eu;i=x${i}`;

let cluster: TestCluster;
let relay: Relay;

/** A self-metric counter of a `carbyne serve` node, read from its Prometheus exposition (0 before its first count). */
async function counter(node: TestNode, name: string): Promise<number> {
  const id = prometheusIdentity(name, 'counter');
  assert.ok(id !== null, `${name} is not exposed to Prometheus`);
  const labels = Object.entries(id.labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const sample = `${id.name}${labels === '' ? '' : `{${labels}}`} `;
  const text = await (await fetch(`${node.url}/prometheus/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(sample));
  return line === undefined ? 0 : Number(line.slice(sample.length));
}

before(async () => {
  cluster = await TestCluster.start({ cli: true, replicas: 2, hash: 'carbon_ch', config: { retentions: [{ pattern: '.*', retentions: '10s:1d' }] } });
  const [port] = await freePorts(1);
  const destinations = cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.carbonPort, name: n.name }));
  relay = await Relay.start(relayConfig('carbon_ch', 2, destinations), port);
  let text = '';
  for (let i = 0; i < PLAIN; i++) text += `${plainName(i)} ${i} ${TS}\n`;
  for (let i = 0; i < TAGGED; i++) text += `${taggedName(i)} ${i} ${TS}\n`;
  await sendCarbon(relay.address, text);
  const total = async () => (await Promise.all(cluster.nodes.map((n) => counter(n, 'ingest.tcp.points_accepted')))).reduce((a, b) => a + b, 0);
  await waitForCount('points accepted by the nodes through the relay', total, 2 * (PLAIN + TAGGED));
  assert.equal(await total(), 2 * (PLAIN + TAGGED), 'the relay delivered some points more than once');
  await waitForLeaves(cluster.nodes[0].url, PLAIN + TAGGED);
});

after(async () => {
  await relay?.stop();
  await cluster?.destroy();
});

test("the relay's routing and carbyne's ownership agree for 100,000 names", async () => {
  const map = new ClusterMap(validateConfig({ cluster: { self: 'a', nodes: cluster.entries, replicas: 2, hash: 'carbon_ch' } }).cluster);
  for (const node of cluster.nodes) {
    // a point a node does not own would have been forwarded
    assert.equal(await counter(node, 'cluster.forward.points_sent'), 0, `node ${node.name} forwarded points`);
    // the engine takes what came from the relay, and what a repair copied from the replicas (a
    // node that saw another come up after its probe failed tells it to catch up): nothing else
    let kept: number[] = [];
    for (const until = Date.now() + 180_000; ; ) {
      kept = await Promise.all(['engine.points_accepted', 'ingest.tcp.points_accepted', 'cluster.repair.points'].map((c) => counter(node, c)));
      if (kept[0] === kept[1] + kept[2] || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(kept[0], kept[1] + kept[2], `node ${node.name} kept every point it got: engine ${kept[0]}, from the relay ${kept[1]}, from repairs ${kept[2]}`);
  }
  const held = new Map<string, Set<string>>();
  for (const node of cluster.nodes) held.set(node.name, new Set((await (await fetch(`${node.url}/metrics/index.json?local=1`)).json()) as string[]));
  const wrong: string[] = [];
  const check = (name: string, path: string) => {
    const owners = map.owners(name).map((n) => n.name);
    for (const node of cluster.nodes) if (held.get(node.name)!.has(path) !== owners.includes(node.name)) wrong.push(`${name} on ${node.name}: carbyne's owners ${owners.join(',')}`);
  };
  for (let i = 0; i < PLAIN; i++) check(plainName(i), plainName(i));
  for (let i = 0; i < TAGGED; i++) check(taggedName(i), taggedTreePath(`relay.tagged.t${i};dc=eu;i=x${i}`));
  assert.deepEqual(wrong.slice(0, 10), []);
  assert.equal([...held.values()].reduce((n, s) => n + s.size, 0), 2 * (PLAIN + TAGGED));
  // GET /cluster?name= says the same as the map the test computed
  for (const i of [0, 1, 17, 4242, 98_999]) {
    const answer = (await (await fetch(`${cluster.nodes[i % 3].url}/cluster?name=${plainName(i)}`)).json()) as { owners: string[] };
    assert.deepEqual(answer.owners, map.owners(plainName(i)).map((n) => n.name));
  }
});

test('a render through any node answers every series of a group, and every tagged series', async () => {
  for (const node of cluster.nodes) {
    for (const g of [0, 42, 98]) {
      const res = await fetch(`${node.url}/render?target=relay.g${g}.*&from=-10min&format=json`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-carbyne-partial'), null);
      const series = (await res.json()) as Array<{ target: string; datapoints: Array<[number | null, number]> }>;
      assert.equal(series.length, GROUP, `group ${g} through ${node.name}`);
      for (const s of series) {
        const i = Number(s.target.slice(s.target.lastIndexOf('.n') + 2));
        assert.deepEqual(s.datapoints.filter(([v]) => v !== null), [[i, TS - (TS % 10)]], s.target);
      }
    }
    const res = await fetch(`${node.url}/render?target=${encodeURIComponent("seriesByTag('dc=eu')")}&from=-10min&format=json`);
    const tagged = (await res.json()) as Array<{ target: string; datapoints: Array<[number | null, number]> }>;
    assert.equal(tagged.length, TAGGED, `tagged series through ${node.name}`);
  }
});

test('/tags and /tags/<tag> through any node list the whole cluster\'s tags, a replicated series counted once', async () => {
  for (const node of cluster.nodes) {
    const tags = (await (await fetch(`${node.url}/tags`)).json()) as Array<{ tag: string }>;
    assert.deepEqual(tags.map((t) => t.tag), ['dc', 'i', 'name'], `tags through ${node.name}`);
    const dc = (await (await fetch(`${node.url}/tags/dc`)).json()) as { tag: string; values: Array<{ value: string; count: number }> };
    assert.equal(dc.tag, 'dc');
    assert.deepEqual(dc.values.map((v) => [v.value, v.count]), [['eu', TAGGED]], `dc through ${node.name}`);
    const i = (await (await fetch(`${node.url}/tags/i?filter=x1`)).json()) as { values: Array<{ value: string; count: number }> };
    const expected = Array.from({ length: TAGGED }, (_, k) => `x${k}`).filter((v) => v.startsWith('x1')).sort();
    assert.deepEqual(i.values.map((v) => v.value), expected, `i?filter=x1 through ${node.name}`);
    assert.ok(i.values.every((v) => v.count === 1));
    // graphite-web answers null for a tag it never saw
    assert.equal(await (await fetch(`${node.url}/tags/nope`)).text(), 'null');
  }
});
