import { WriteStatus, type PointWriter } from '../../engine/point-writer.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Stats } from '../../lib/stats.js';
import { parseMetricName } from '../../series/name.js';
import type { ClusterMap } from '../cluster-map.js';
import type { Peer } from '../peer/peer.js';
import { ForwardQueue } from './forward-queue.js';

/** Buffer's own UTF-8 decoder (what toString() ends in, without its argument checks) */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(this: Uint8Array, start: number, end: number): string }).utf8Slice;

export interface ForwardOptions {
  /** forward points this node does not own (cluster.forward); when false every point is kept here */
  readonly forward: boolean;
  /** points held for all other nodes together before the oldest are dropped */
  readonly maxQueuedPoints: number;
  readonly timeoutMs: number;
}

/**
 * Where the listeners hand points in a cluster: a point this node owns goes to its own engine
 * (whoever sent it here, the relay, sends it to the other owners as well); a point it does not
 * own goes to every one of its owners (batched per node, in order, kept until acknowledged).
 * With carbon-c-relay in front every point arrives at its owners already and nothing is
 * forwarded; a client sending to a node that does not own a point still gets it replicated.
 */
export class ClusterPointWriter implements PointWriter {
  private readonly queues = new Map<number, ForwardQueue>();
  private dirty = false;
  private readonly invalid;

  constructor(
    private readonly engine: PointWriter,
    private readonly map: ClusterMap,
    peers: ReadonlyMap<number, Peer>,
    private readonly clock: Clock,
    private readonly opts: ForwardOptions,
    stats: Stats,
    log: Logger,
  ) {
    const counters = { sent: stats.counter('cluster.forward.points_sent'), dropped: stats.counter('cluster.forward.points_dropped'), failures: stats.counter('cluster.forward.failures') };
    this.invalid = stats.counter('cluster.forward.points_invalid_name');
    for (const [index, peer] of peers) this.queues.set(index, new ForwardQueue(peer, { batchPoints: 20_000, timeoutMs: opts.timeoutMs, retryMs: 500, maxRetryMs: 30_000 }, counters, log));
    stats.gauge('cluster.forward.queued_points', () => this.queuedPoints);
  }

  get queuedPoints(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.queuedPoints;
    return n;
  }

  /** Points queued for each other node, by name (GET /cluster). */
  queued(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [index, q] of this.queues) out[this.map.nodes[index].name] = q.queuedPoints;
    return out;
  }

  write(name: string, value: number, timestamp: number): WriteStatus {
    if (!this.opts.forward || value !== value) return this.engine.write(name, value, timestamp);
    const owners = this.map.ownerIndexes(name);
    // the relay that sent a point here sends it to the other owners too
    if (owners.includes(this.map.self.index)) return this.engine.write(name, value, timestamp);
    if (!parseMetricName(name).ok) {
      this.invalid.inc();
      return WriteStatus.InvalidName;
    }
    // "now" is this node's now, not the owner's when the point gets there
    const ts = timestamp === -1 ? this.clock.nowSeconds() : timestamp;
    for (const o of owners) this.queues.get(o)!.add(name, value, ts);
    this.dirty = true;
    return WriteStatus.Accepted;
  }

  writeBytes(buf: Uint8Array, start: number, end: number, value: number, timestamp: number): WriteStatus {
    if (!this.opts.forward && this.engine.writeBytes) return this.engine.writeBytes(buf, start, end, value, timestamp);
    return this.write(utf8Slice.call(buf, start, end), value, timestamp);
  }

  commit(): void {
    this.engine.commit();
    if (!this.dirty) return;
    this.dirty = false;
    let total = this.queuedPoints;
    for (const q of this.queues.values()) {
      if (total > this.opts.maxQueuedPoints) total -= q.trim(Math.max(0, q.queuedPoints - (total - this.opts.maxQueuedPoints)));
      q.kick();
    }
  }

  /** Resolves once every queued point has been acknowledged (or `timeoutMs` passed). */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([Promise.all([...this.queues.values()].map((q) => q.idle())).then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    for (const q of this.queues.values()) q.close();
  }
}
