import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.js';
import { sendCarbon, waitForCount, waitForLeaves } from '../helpers/carbon-send.js';
import { stalledPost, type StalledRequest } from '../helpers/stalled-request.js';

/**
 * Two nodes, each series on one of them. Node b's places for its own users' renders and finds
 * (limits.concurrency.render and .find, one each, no queue) are all taken by requests whose
 * bodies have not arrived: b refuses its users 503. Node a's users still get whole answers over
 * every series, b's included: the reads a asks of b count against b's `peer` places, which b's
 * users never take (docs/cluster.md, "Admission").
 */
const NOW = 1795316580;
const NAMES = Array.from({ length: 20 }, (_, i) => `adm.s${String(i).padStart(2, '0')}`);
let cluster: TestCluster;
const stalled: StalledRequest[] = [];

before(async () => {
  cluster = await TestCluster.start({
    names: ['a', 'b'],
    now: NOW,
    replicas: 1,
    config: { limits: { concurrency: { render: { maxInFlight: 1, maxQueued: 0 }, find: { maxInFlight: 1, maxQueued: 0 } } } },
  });
  const a = cluster.node('a');
  await sendCarbon(a.carbon, NAMES.map((n, i) => `${n} ${i} ${NOW - 30}\n`).join(''));
  await waitForCount('lines accepted by node a', async () => Number(await a.command('counter', 'ingest.tcp.points_accepted')), NAMES.length);
  await cluster.drain();
  await waitForLeaves(a.url, NAMES.length);
});

after(async () => {
  for (const s of stalled) s.abandon();
  await cluster?.destroy();
});

async function ownerOf(name: string): Promise<string> {
  const answer = (await (await fetch(`${cluster.node('a').url}/cluster?name=${name}`)).json()) as { owners: string[] };
  return answer.owners[0];
}

test("a node whose users' places are all taken still answers the other node's reads", async () => {
  const a = cluster.node('a');
  const b = cluster.node('b');
  const owners = await Promise.all(NAMES.map(ownerOf));
  assert.ok(owners.includes('a') && owners.includes('b'), `owners: ${owners.join(', ')}`);

  stalled.push(stalledPost(b.url, '/render', 'target=adm.*&format=json'), stalledPost(b.url, '/metrics/find', 'query=adm.*'));
  // b's users are refused once both places are held
  for (;;) {
    const [render, find] = await Promise.all([fetch(`${b.url}/render?target=adm.s00&format=json`), fetch(`${b.url}/metrics/find?query=adm.*`)]);
    if (render.status === 503 && find.status === 503) {
      assert.equal(render.headers.get('retry-after'), '2');
      assert.match(await find.text(), /limits\.concurrency\.find/);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  // a's users read b's series through b's peer places
  const find = await fetch(`${a.url}/metrics/find?query=adm.*`);
  assert.equal(find.status, 200);
  assert.equal(find.headers.get('x-carbyne-partial'), null);
  assert.deepEqual(((await find.json()) as Array<{ id: string }>).map((n) => n.id), NAMES);
  const render = await fetch(`${a.url}/render?target=adm.*&from=-5min&format=json`);
  assert.equal(render.status, 200);
  assert.equal(render.headers.get('x-carbyne-partial'), null);
  const series = (await render.json()) as Array<{ target: string; datapoints: Array<[number | null, number]> }>;
  assert.deepEqual(series.map((s) => s.target), NAMES);
  for (const [i, s] of series.entries()) assert.ok(s.datapoints.some(([v]) => v === i), `${s.target}: ${JSON.stringify(s.datapoints)}`);

  // b's own users are answered once their requests go on
  for (const s of stalled.splice(0)) assert.equal((await s.finish()).status, 200);
});
