import type { ClusterConfig } from '../config/schema.js';
import { Ownership } from './ownership.js';
import type { RingNode } from './ring/owner-ring.js';

/** One node of the cluster as the configuration lists it. */
export interface ClusterNode extends RingNode {
  /** position in `cluster.nodes` */
  readonly index: number;
  readonly url: string;
  /** `host:port` the relay sends to */
  readonly carbon: string;
  readonly isSelf: boolean;
}

/** `host:port` or `[v6]:port` split as the relay reads it. */
export function splitHostPort(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(address.slice(colon + 1)) };
}

/** The nodes, which one this is, and who owns what (the same answer on every node). */
export class ClusterMap {
  readonly nodes: readonly ClusterNode[];
  readonly self: ClusterNode;
  private readonly ownership: Ownership;

  constructor(readonly config: ClusterConfig) {
    this.nodes = config.nodes.map((n, index) => ({ ...splitHostPort(n.carbon), name: n.name, url: n.url, carbon: n.carbon, index, isSelf: n.name === config.self }));
    const self = this.nodes.find((n) => n.isSelf);
    if (self === undefined) throw new Error(`cluster.self "${config.self}" is not among cluster.nodes`);
    this.self = self;
    this.ownership = new Ownership(config.hash, this.nodes, config.replicas);
  }

  get others(): ClusterNode[] {
    return this.nodes.filter((n) => !n.isSelf);
  }

  /** The owners of a name, primary first. */
  owners(name: string): ClusterNode[] {
    return this.ownership.owners(name).map((i) => this.nodes[i]);
  }

  ownerIndexes(name: string): readonly number[] {
    return this.ownership.owners(name);
  }

  ownsLocally(name: string): boolean {
    return this.ownership.owners(name).includes(this.self.index);
  }
}
