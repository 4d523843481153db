import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterMap } from '../../src/cluster/cluster-map.js';
import { Repair } from '../../src/cluster/repair/repair.js';
import type { Peer } from '../../src/cluster/peer/peer.js';
import { PeerUnavailableError } from '../../src/cluster/peer/peer-client.js';
import type { ClusterCall } from '../../src/cluster/wire/messages.js';
import { validateConfig } from '../../src/config/load.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { RecordingWriter } from '../helpers/recording-writer.js';

/**
 * A returning node owes what it missed until a repair over that span has read every other node:
 * a run that fails (a node busy past the call limit) leaves the span owed while its retry waits,
 * so the node does not say it is caught up (and a shared-store node does not write its older
 * copy) before the newer points are in its engine. A stop in the middle of a run leaves it owed too.
 */
const NOW = 1795316580;
const SINCE = NOW - 600;
const TS = NOW - 60;

const nodes = ['a', 'b', 'c'].map((name, i) => ({ name, url: `http://127.0.0.1:${9000 + i}`, carbon: `127.0.0.1:${9100 + i}` }));
const map = new ClusterMap(validateConfig({ cluster: { self: 'a', nodes, replicas: 2 } }).cluster);

/** A node that answers `active` and `fetch` from the points it holds; `gate` decides each call's fate. */
function holding(name: string, points: Record<string, number>, gate: (call: ClusterCall) => Promise<void>): Peer {
  const peer = {
    name,
    async request(call: ClusterCall): Promise<unknown> {
      await gate(call);
      if (call.op === 'active') return { names: Object.keys(points).sort(), more: false };
      if (call.op === 'fetch') {
        return call.names.map((n) => (n in points ? { name: n, tags: {}, aggregation: 'average', xFilesFactor: 0.5, start: TS, end: TS + 10, step: 10, values: Float64Array.of(points[n]) } : null));
      }
      throw new Error(`unexpected call ${call.op}`);
    },
  };
  return peer as unknown as Peer;
}

function waitFor(what: string, cond: () => boolean, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (cond()) resolve();
      else if (Date.now() > until) reject(new Error(`${what}: not within ${limitMs} ms`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

test('a failed run leaves its span owed until its retry has read every node', async () => {
  let failB = true;
  const peers = new Map<number, Peer>([
    [1, holding('b', { 'x.y': 2 }, async () => {
      if (failB) throw new PeerUnavailableError('b', 'no answer within the request\'s time (1000 ms)');
    })],
    [2, holding('c', {}, async () => {})],
  ]);
  const writer = new RecordingWriter();
  const stats = new Stats();
  const repair = new Repair(map, peers, writer, new ManualClock(NOW * 1000), 1000, silentLogger, stats, () => false, 20);
  repair.request(SINCE, 'this node restarted');
  await repair.idle();
  assert.equal(repair.status().lastError?.includes('no answer'), true);
  assert.equal(repair.owedSince(), SINCE, 'the failed span is still owed');
  assert.equal(repair.status().state, 'waiting');
  assert.deepEqual(writer.committed, []);

  // retries keep failing while b does not answer, and the span stays owed all along
  await waitFor('two more runs', () => stats.counter('cluster.repair.runs').value >= 3);
  assert.equal(repair.owedSince(), SINCE);
  assert.deepEqual(writer.committed, []);

  failB = false;
  await waitFor('the retry succeeds', () => repair.owedSince() === null);
  assert.deepEqual(writer.committed, [{ name: 'x.y', value: 2, timestamp: TS }]);
  assert.equal(repair.status().state, 'idle');
  assert.equal(repair.status().lastError, null);
  repair.stop();
});

test('a repair stopped in the middle of its run stays owed', async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked = 0;
  const peers = new Map<number, Peer>([
    [1, holding('b', { 'x.y': 2 }, async (call) => {
      if (call.op === 'active') {
        asked++;
        await held;
      }
    })],
    [2, holding('c', {}, async () => {})],
  ]);
  const writer = new RecordingWriter();
  const repair = new Repair(map, peers, writer, new ManualClock(NOW * 1000), 1000, silentLogger, new Stats(), () => false, 20);
  repair.request(SINCE, 'this node restarted');
  await waitFor('the run asks b', () => asked === 1);
  repair.stop();
  release();
  await repair.idle();
  assert.deepEqual(writer.committed, []);
  assert.equal(repair.owedSince(), SINCE, 'a stopped run is still owed');
});

test('a node gone (seen answering, then unanswered probes past the takeover limit) that cannot be read does not keep the span owed', async () => {
  const peers = new Map<number, Peer>([
    [1, holding('b', { 'x.y': 2 }, async () => {})],
    [2, holding('c', {}, async () => {
      throw new PeerUnavailableError('c', 'connect ECONNREFUSED');
    })],
  ]);
  const writer = new RecordingWriter();
  let cGone = false;
  const repair = new Repair(map, peers, writer, new ManualClock(NOW * 1000), 1000, silentLogger, new Stats(), (node) => node.name === 'c' && cGone, 20);
  repair.request(SINCE, 'this node restarted');
  await repair.idle();
  assert.equal(repair.owedSince(), SINCE, 'c failed while not gone: owed');
  cGone = true;
  await waitFor('a retry with c gone', () => repair.owedSince() === null);
  assert.deepEqual(writer.committed.at(-1), { name: 'x.y', value: 2, timestamp: TS });
  repair.stop();
});
