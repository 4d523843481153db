import { relayHashKey } from './ring/hash-key.js';
import { ownerRing, type RingHash, type RingNode } from './ring/owner-ring.js';

/** names whose owners are remembered; past it the memory starts again (a burst of hashing) */
const CACHE_NAMES = 1_000_000;

/**
 * Which nodes own a name: the relay's destinations for it (primary first), as indexes into the
 * node list. Hashing (MD5 for carbon_ch) costs microseconds, so each key's answer is kept.
 */
export class Ownership {
  private readonly ring;
  private cache = new Map<string, readonly number[]>();

  constructor(hash: RingHash, nodes: readonly RingNode[], replicas: number) {
    this.ring = ownerRing(hash, nodes, replicas);
  }

  /** The owners of a raw or display name: a tagged series belongs with its path. */
  owners(name: string): readonly number[] {
    const semi = name.indexOf(';');
    const key = semi < 0 ? name : name.slice(0, semi);
    let owners = this.cache.get(key);
    if (owners === undefined) {
      owners = this.ring.owners(relayHashKey(key));
      if (this.cache.size >= CACHE_NAMES) this.cache = new Map();
      this.cache.set(key, owners);
    }
    return owners;
  }
}
