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
import { PersistRoles } from './shared-store/persist-roles.js';
import { SharedStoreReader } from './read/shared-store-reader.js';
import type { PersistPolicy } from '../engine/flush/persist-policy.js';
import { Heartbeat } from './repair/heartbeat.js';

export interface ClusterDeps {
  readonly local: LocalParts;
  readonly clock: Clock;
  readonly stats: Stats;
  readonly logger: Logger;
  /** the index backend is remote (Cassandra, Elasticsearch): in a shared-store cluster it holds every node's series, and finds need not fan out */
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
  /** what it said at its last probe: false while it catches up on what it missed */
  readonly caughtUp?: boolean | null;
  /** shared store: the start (engine seconds) of its last round that wrote every closed window it persists */
  readonly persistedAt?: number | null;
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
  /** shared store: which of a series' owners writes its closed windows (the engine's policy) */
  readonly persistPolicy: PersistPolicy | undefined;
  private readonly heartbeat: Heartbeat;
  private started = false;
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
    // a remote index holds every node's series only when the nodes share it (shared store): in
    // shared nothing each node's index, remote or not, holds its own, and finds ask every node
    const shared = c.topology === 'shared-store' && (deps.indexIsShared ?? false);
    this.index = new ClusterIndex(deps.local.index, this.map, fanOut, shared);
    this.tagIndex = deps.local.tagIndex === undefined ? undefined : new ClusterTagIndex(deps.local.tagIndex, this.map, fanOut, shared);
    const nodeCaughtUp = (n: number) => (n === this.map.self.index ? this.caughtUp() : (this.peers.get(n)?.isCaughtUp ?? false));
    this.reader = c.topology === 'shared-store' ? new SharedStoreReader(deps.local.reader, this.map, fanOut, nodeCaughtUp) : new ClusterReader(deps.local.reader, this.map, fanOut, nodeCaughtUp);
    this.writer = new ClusterPointWriter(
      deps.local.writer,
      this.map,
      this.peers,
      deps.clock,
      { forward: c.forward, maxQueuedPoints: c.forwardQueuePoints, timeoutMs: c.timeoutMs },
      deps.stats,
      deps.logger,
    );
    // a node is taken over from once its probes have gone unanswered for three call time limits:
    // a busy node is not a dead one, and until then its replicas hold their copies in memory
    const goneAfterMs = 3 * c.timeoutMs;
    this.repair = new Repair(this.map, this.peers, deps.local.writer, deps.clock, c.timeoutMs, deps.logger, deps.stats, (node) => {
      const peer = this.peers.get(node.index)!;
      return peer.status().lastAnswerMs !== null && !peer.isAlive(goneAfterMs);
    });
    const roles = c.topology === 'shared-store' ? new PersistRoles(this.map, this.peers, () => this.caughtUp(), goneAfterMs, deps.logger, deps.stats.counter('cluster.persist.takeover_chunks')) : undefined;
    this.persistPolicy = roles;
    this.localNode = new LocalNode(deps.local, this.map, this.repair, { caughtUp: () => this.caughtUp(), persisted: () => roles?.persisted() ?? null });
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
    this.started = true;
    // a probe may take the whole call time limit (a busy node is not a dead one: a dead one
    // refuses the connection at once); the next one waits for it
    const probing = new Set<Peer>();
    const probe = () => {
      for (const peer of this.peers.values()) {
        if (probing.has(peer)) continue;
        probing.add(peer);
        const wasUp = peer.isUp;
        const downSince = peer.wentDownMs;
        // only a node this one saw answering went away: one not seen up yet (this node has just
        // started, or it is new) has its own heartbeat to catch up from, or nothing to catch up on
        const seenAnswering = peer.status().lastAnswerMs !== null;
        void peer.probe(this.config.cluster.timeoutMs).then((up) => {
          probing.delete(peer);
          if (up === wasUp) return;
          this.deps.logger.warn({ node: peer.name, state: up ? 'up' : 'down', error: up ? undefined : peer.status().lastError }, `cluster node ${peer.name} is ${up ? 'up' : 'down'}`);
          if (up && downSince !== null && seenAnswering) this.tellToCatchUp(peer, downSince);
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

  /** Started, and owing no repair: this node's data is as complete as its replicas'. */
  caughtUp(): boolean {
    return this.started && this.repair.owedSince() === null;
  }

  peer(node: ClusterNode): Peer | undefined {
    return this.peers.get(node.index);
  }

  /** GET /cluster: the configuration's view and every node's state as this node sees it. */
  status(): { self: string; hash: string; replicas: number; topology: string; forward: boolean; strictReads: boolean; caughtUp: boolean; repair: RepairStatus; nodes: NodeStatus[] } {
    const c = this.config.cluster;
    const queued = this.writer.queued();
    return {
      self: c.self,
      hash: c.hash,
      replicas: c.replicas,
      topology: c.topology,
      forward: c.forward,
      strictReads: c.strictReads,
      caughtUp: this.caughtUp(),
      repair: this.repair.status(),
      nodes: this.map.nodes.map((n): NodeStatus => {
        const base = { name: n.name, url: n.url, carbon: n.carbon, self: n.isSelf };
        if (n.isSelf) return { ...base, state: 'up', caughtUp: this.caughtUp(), persistedAt: this.persistPolicy instanceof PersistRoles ? (this.persistPolicy.persisted()?.at ?? null) : null };
        const peer = this.peers.get(n.index)!;
        const s: PeerState = peer.status();
        const persistedAt = peer.self?.persistedAt;
        return { ...base, ...s, caughtUp: peer.self?.caughtUp ?? null, persistedAt: persistedAt === undefined || Number.isNaN(persistedAt) ? null : persistedAt, queuedPoints: queued[n.name] ?? 0 };
      }),
    };
  }

  /** GET /cluster?name=NAME: the nodes that own NAME, primary first. */
  owners(name: string): { name: string; owners: string[] } {
    return { name, owners: this.map.owners(name).map((n) => n.name) };
  }
}
