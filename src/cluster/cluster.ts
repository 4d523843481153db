import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { MetricIndex } from '../finders/metric-index.js';
import type { TagIndex } from '../finders/tag-index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { SeriesReader } from '../readers/series-reader.js';
import { ClusterMap, type ClusterNode } from './cluster-map.js';
import { LocalNode, type LocalParts } from './local-node.js';
import { Peer, type PeerState } from './peer/peer.js';
import { PeerClient } from './peer/peer-client.js';
import { ClusterIndex } from './read/cluster-index.js';
import { ClusterReader } from './read/cluster-reader.js';
import { ClusterTagIndex } from './read/cluster-tag-index.js';
import { FanOut } from './read/fan-out.js';
import { ClusterPointWriter } from './write/cluster-point-writer.js';
import { Repair, type RepairStatus } from './repair/repair.js';
import { Heartbeat } from './repair/heartbeat.js';

export interface ClusterDeps {
  readonly local: LocalParts;
  readonly clock: Clock;
  readonly stats: Stats;
  readonly logger: Logger;
  /** the index backend already holds every node's series (Elasticsearch): finds need not fan out */
  readonly indexIsShared?: boolean;
}

/** One node of GET /cluster. */
export interface NodeStatus {
  readonly name: string;
  readonly url: string;
  readonly carbon: string;
  readonly self: boolean;
  readonly state: 'up' | 'down';
  readonly lastAnswerMs?: number | null;
  readonly lastFailureMs?: number | null;
  readonly lastError?: string | null;
  /** points waiting to be forwarded to it */
  readonly queuedPoints?: number;
}

/**
 * A carbyne node among others (docs/cluster.md): which node owns which series, the MetricIndex,
 * TagIndex and SeriesReader over the whole cluster that the routes and the evaluator get, the
 * PointWriter that forwards what this node does not own, the answers to the other nodes' calls,
 * and the probes that tell which nodes answer.
 */
export class Cluster {
  readonly map: ClusterMap;
  readonly index: MetricIndex;
  readonly tagIndex: TagIndex | undefined;
  readonly reader: SeriesReader;
  readonly writer: ClusterPointWriter;
  readonly localNode: LocalNode;
  readonly repair: Repair;
  private readonly heartbeat: Heartbeat;
  private readonly peers = new Map<number, Peer>();
  private probeTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly config: Config,
    private readonly deps: ClusterDeps,
  ) {
    const c = config.cluster;
    this.map = new ClusterMap(c);
    const maxAnswerBytes = config.limits.render.maxPoints * 8 + 64 * 1024 * 1024;
    for (const node of this.map.others) this.peers.set(node.index, new Peer(node.name, new PeerClient(node.name, node.url, { maxAnswerBytes })));
    const fanOut = new FanOut(this.peers, c.timeoutMs);
    const shared = deps.indexIsShared ?? false;
    this.index = new ClusterIndex(deps.local.index, this.map, fanOut, shared);
    this.tagIndex = deps.local.tagIndex === undefined ? undefined : new ClusterTagIndex(deps.local.tagIndex, this.map, fanOut, shared);
    this.reader = new ClusterReader(deps.local.reader, this.map, fanOut);
    this.writer = new ClusterPointWriter(
      deps.local.writer,
      this.map,
      this.peers,
      deps.clock,
      { forward: c.forward, maxQueuedPoints: c.forwardQueuePoints, timeoutMs: c.timeoutMs },
      deps.stats,
      deps.logger,
    );
    this.repair = new Repair(this.map, this.peers, deps.local.writer, deps.clock, c.timeoutMs, deps.logger, deps.stats);
    this.localNode = new LocalNode(deps.local, this.map, this.repair);
    this.heartbeat = new Heartbeat(join(config.dataDir, 'cluster-alive'), deps.clock, (since, reason) => this.repair.request(since, reason), () => this.repair.owedSince());
    deps.stats.gauge('cluster.nodes_down', () => [...this.peers.values()].filter((p) => !p.isUp).length);
  }

  /**
   * Catches up if this node was away (its heartbeat file says since when), then probes every
   * other node now and every `cluster.probeIntervalMs`; a node seen coming back is told to
   * catch up on what it missed while it was seen down.
   */
  start(): void {
    this.heartbeat.start();
    const probe = () => {
      const timeout = Math.min(this.config.cluster.timeoutMs, this.config.cluster.probeIntervalMs);
      for (const peer of this.peers.values()) {
        const wasUp = peer.isUp;
        const downSince = peer.wentDownMs;
        void peer.probe(timeout).then((up) => {
          if (up === wasUp) return;
          this.deps.logger.warn({ node: peer.name, state: up ? 'up' : 'down', error: up ? undefined : peer.status().lastError }, `cluster node ${peer.name} is ${up ? 'up' : 'down'}`);
          if (up && downSince !== null) this.tellToCatchUp(peer, downSince);
        });
      }
    };
    probe();
    this.probeTimer = setInterval(probe, this.config.cluster.probeIntervalMs);
    this.probeTimer.unref();
  }

  private tellToCatchUp(peer: Peer, downSinceMs: number): void {
    const awaySeconds = (Date.now() - downSinceMs) / 1000;
    const since = Math.floor(this.deps.clock.nowSeconds() - awaySeconds) - Heartbeat.MARGIN_SECONDS;
    peer.request({ op: 'repair', since }, Date.now() + this.config.cluster.timeoutMs).catch((err: Error) => this.deps.logger.warn({ node: peer.name, err: err.message }, 'could not tell a returning node to catch up'));
  }

  /** Waits (up to the call time limit) for forwarded points to be acknowledged, then closes the connections. */
  async stop(): Promise<void> {
    this.heartbeat.stop();
    this.repair.stop();
    await this.repair.idle();
    if (this.probeTimer !== null) clearInterval(this.probeTimer);
    this.probeTimer = null;
    if (!(await this.writer.drain(this.config.cluster.timeoutMs))) this.deps.logger.warn({ queued: this.writer.queued() }, 'stopping with points not yet forwarded');
    this.writer.close();
    for (const p of this.peers.values()) p.close();
  }

  peer(node: ClusterNode): Peer | undefined {
    return this.peers.get(node.index);
  }

  /** GET /cluster: the configuration's view and every node's state as this node sees it. */
  status(): { self: string; hash: string; replicas: number; topology: string; forward: boolean; strictReads: boolean; repair: RepairStatus; nodes: NodeStatus[] } {
    const c = this.config.cluster;
    const queued = this.writer.queued();
    return {
      self: c.self,
      hash: c.hash,
      replicas: c.replicas,
      topology: c.topology,
      forward: c.forward,
      strictReads: c.strictReads,
      repair: this.repair.status(),
      nodes: this.map.nodes.map((n): NodeStatus => {
        const base = { name: n.name, url: n.url, carbon: n.carbon, self: n.isSelf };
        if (n.isSelf) return { ...base, state: 'up' };
        const s: PeerState = this.peers.get(n.index)!.status();
        return { ...base, ...s, queuedPoints: queued[n.name] ?? 0 };
      }),
    };
  }

  /** GET /cluster?name=NAME: the nodes that own NAME, primary first. */
  owners(name: string): { name: string; owners: string[] } {
    return { name, owners: this.map.owners(name).map((n) => n.name) };
  }
}
