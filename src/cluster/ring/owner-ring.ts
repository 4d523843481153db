import { fnv1a64, fnv1aPosition, jumpBucket, jumpRehash, md5Position } from './relay-hashes.js';

/** A node as the relay's hashes see it: its instance name and the host and port it is sent to. */
export interface RingNode {
  readonly name: string;
  /** the host as written in the relay's configuration (carbon_ch hashes it) */
  readonly host: string;
  readonly port: number;
}

export type RingHash = 'carbon_ch' | 'fnv1a_ch' | 'jump_fnv1a_ch';

/** Where the relay sends a key: `replicas` distinct nodes, as indexes into the node list, primary first. */
export interface OwnerRing {
  owners(key: Uint8Array): number[];
}

const encoder = new TextEncoder();
/** the relay formats ring keys into a 256-byte buffer: longer ones are cut */
const RING_KEY_BYTES = 255;
/** carbon's and the relay's points per node on the 16-bit ring */
const POINTS_PER_NODE = 100;

function ringKey(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  return bytes.length > RING_KEY_BYTES ? bytes.subarray(0, RING_KEY_BYTES) : bytes;
}

/** C's strcmp over UTF-8 bytes. */
function strcmp(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

interface Entry {
  readonly pos: number;
  node: number;
}

/**
 * carbon_ch and fnv1a_ch: 100 points per node on a 16-bit ring, sorted by position and on ties
 * by the relay's own order; every entry of a run of equal positions belongs to the first
 * (carbon-c-relay does not move colliding points as carbon's Python relay does). A key's
 * owners are the distinct nodes met walking on from the first point at or after its position.
 */
class PointRing implements OwnerRing {
  private readonly positions: Uint16Array;
  private readonly nodes: Uint16Array;

  constructor(
    entries: Entry[],
    private readonly replicas: number,
    private readonly position: (key: Uint8Array) => number,
  ) {
    for (let i = 1; i < entries.length; i++) if (entries[i].pos === entries[i - 1].pos) entries[i].node = entries[i - 1].node;
    this.positions = Uint16Array.from(entries, (e) => e.pos);
    this.nodes = Uint16Array.from(entries, (e) => e.node);
  }

  owners(key: Uint8Array): number[] {
    const pos = this.position(key);
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let t = lo; out.length < this.replicas; t++) {
      const node = this.nodes[t % this.nodes.length];
      if (!out.includes(node)) out.push(node);
    }
    return out;
  }
}

export function carbonRing(nodes: readonly RingNode[], replicas: number): OwnerRing {
  const entries: Entry[] = [];
  nodes.forEach((n, node) => {
    // Python's repr of the (server, instance) tuple, as carbon hashes it
    for (let i = 0; i < POINTS_PER_NODE; i++) entries.push({ pos: md5Position(ringKey(`('${n.host}', '${n.name}'):${i}`)), node });
  });
  entries.sort((a, b) => a.pos - b.pos || strcmp(nodes[a.node].host, nodes[b.node].host) || strcmp(nodes[a.node].name, nodes[b.node].name));
  return new PointRing(entries, replicas, md5Position);
}

export function fnv1aRing(nodes: readonly RingNode[], replicas: number): OwnerRing {
  const entries: Entry[] = [];
  nodes.forEach((n, node) => {
    // with an instance name, only the name counts (host and port may change freely)
    for (let i = 0; i < POINTS_PER_NODE; i++) entries.push({ pos: fnv1aPosition(ringKey(`${i}-${n.name}`)), node });
  });
  entries.sort((a, b) => a.pos - b.pos || strcmp(nodes[a.node].host, nodes[b.node].host) || nodes[a.node].port - nodes[b.node].port);
  return new PointRing(entries, replicas, fnv1aPosition);
}

/**
 * jump_fnv1a_ch: nodes in the order of their instance names (as numbers when both are, else as
 * strings); a key's primary is its jump hash bucket, each further replica the jump hash of a
 * rehashed key over the nodes not yet chosen (the chosen one replaced by the last).
 */
export function jumpRing(nodes: readonly RingNode[], replicas: number): OwnerRing {
  const numeric = /^[+-]?[0-9]+$/;
  const order = nodes.map((_, i) => i);
  order.sort((a, b) => {
    const x = nodes[a].name;
    const y = nodes[b].name;
    if (numeric.test(x) && numeric.test(y)) return Number(x) - Number(y);
    return strcmp(x, y);
  });
  return {
    owners(key: Uint8Array): number[] {
      const buckets = order.slice();
      let h = fnv1a64(key);
      const out: number[] = [];
      for (let n = buckets.length; n > 0; ) {
        const j = jumpBucket(h, n);
        out.push(buckets[j]);
        if (out.length === replicas) break;
        h = jumpRehash(h);
        buckets[j] = buckets[--n];
      }
      return out;
    },
  };
}

export function ownerRing(hash: RingHash, nodes: readonly RingNode[], replicas: number): OwnerRing {
  if (nodes.length > 0xffff) throw new Error('a cluster has at most 65535 nodes');
  switch (hash) {
    case 'carbon_ch':
      return carbonRing(nodes, replicas);
    case 'fnv1a_ch':
      return fnv1aRing(nodes, replicas);
    case 'jump_fnv1a_ch':
      return jumpRing(nodes, replicas);
  }
}
