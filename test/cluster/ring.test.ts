import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownerRing, type RingHash, type RingNode } from '../../src/cluster/ring/owner-ring.js';
import { relayHashKey } from '../../src/cluster/ring/hash-key.js';
import { prng } from '../../bench/prng.js';
import { relayConfig, relayRoutes } from './relay-routes.js';

/**
 * carbyne's owners of a name are carbon-c-relay's destinations for it: the relay's own routing
 * (its -t test mode) is asked for every name, for each hash, replication and node list here.
 * The test mode hashes the whole line, so the names here are untagged (tagged names, whose key
 * stops at the `;`, go through a running relay in cluster-relay.test.ts).
 */

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:#';
const EXTRA = ['é', 'ü', 'ß', '中', '✓', '😀'];

function names(count: number, seed: number): string[] {
  const rand = prng(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const parts: string[] = [];
    const depth = 1 + Math.floor(rand() * 6);
    for (let d = 0; d < depth; d++) {
      let s = '';
      const len = 1 + Math.floor(rand() * 14);
      for (let k = 0; k < len; k++) s += rand() < 0.02 ? EXTRA[Math.floor(rand() * EXTRA.length)] : CHARS[Math.floor(rand() * CHARS.length)];
      parts.push(s);
    }
    out.add(parts.join('.'));
  }
  return [...out];
}

const LAYOUTS: Record<string, RingNode[]> = {
  'three nodes on one host': [
    { name: 'a', host: '127.0.0.1', port: 2103 },
    { name: 'b', host: '127.0.0.1', port: 2203 },
    { name: 'c', host: '127.0.0.1', port: 2303 },
  ],
  'seven nodes on four hosts, numeric names': [
    { name: '10', host: '10.0.0.1', port: 2003 },
    { name: '2', host: '10.0.0.2', port: 2003 },
    { name: '33', host: '10.0.0.3', port: 2003 },
    { name: '4', host: '10.0.0.4', port: 2003 },
    { name: '5', host: '10.0.0.1', port: 2004 },
    { name: '61', host: '10.0.0.2', port: 2004 },
    { name: '7', host: '10.0.0.3', port: 2004 },
  ],
  'five nodes with long names': [
    { name: 'carbon-cache-eu-west-1a-0001', host: '192.168.1.10', port: 2003 },
    { name: 'carbon-cache-eu-west-1a-0002', host: '192.168.1.11', port: 2003 },
    { name: 'carbon-cache-eu-west-1b-0001', host: '192.168.1.12', port: 2003 },
    { name: 'carbon-cache-eu-west-1b-0002', host: '192.168.1.13', port: 2003 },
    { name: 'carbon-cache-eu-west-1c-0001', host: '192.168.1.14', port: 2003 },
  ],
};

const NAMES = names(20_000, 10);

for (const hash of ['carbon_ch', 'fnv1a_ch', 'jump_fnv1a_ch'] as RingHash[]) {
  for (const [layout, nodes] of Object.entries(LAYOUTS)) {
    // every replication on the layout whose rings have colliding points, 2 on the others
    for (const replicas of layout.startsWith('seven') ? [1, 2, 3] : [2]) {
      test(`${hash}, replication ${replicas}, ${layout}: the owners of 20,000 names are carbon-c-relay's destinations`, async () => {
        const expected = await relayRoutes(relayConfig(hash, replicas, nodes), NAMES);
        const ring = ownerRing(hash, nodes, replicas);
        const mismatches: string[] = [];
        NAMES.forEach((name, i) => {
          const ours = ring.owners(relayHashKey(name)).map((k) => `${nodes[k].host}:${nodes[k].port}`);
          if (ours.join(' ') !== expected[i].join(' ')) mismatches.push(`${name}: carbyne ${ours.join(' ')}, relay ${expected[i].join(' ')}`);
        });
        assert.deepEqual(mismatches.slice(0, 10), []);
        // every node owns some names: the test is not passing on a degenerate ring
        const primaries = new Set(expected.map((d) => d[0]));
        assert.equal(primaries.size, nodes.length);
      });
    }
  }
}

test('a tagged name is owned by the owners of its path', () => {
  const ring = ownerRing('carbon_ch', LAYOUTS['three nodes on one host'], 2);
  for (const name of NAMES.slice(0, 500)) assert.deepEqual(ring.owners(relayHashKey(`${name};dc=eu;host=a`)), ring.owners(relayHashKey(name)));
});
