import type { PointWriter } from '../../engine/point-writer.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Stats } from '../../lib/stats.js';
import type { ClusterMap, ClusterNode } from '../cluster-map.js';
import type { Peer } from '../peer/peer.js';

/** Series names asked per page, and series read per call. */
const PAGE = 10_000;
const BATCH = 500;
/**
 * Points that arrived while the node was away may carry timestamps from before it left:
 * read this much further back than the arrival times asked for (seconds).
 */
export const REPAIR_LATENESS = 300;
/** A span that could not be read is tried again this long after (ms). */
const RETRY_MS = 10_000;

export interface RepairStatus {
  readonly state: 'idle' | 'running' | 'waiting';
  /** arrival time (seconds) the current or last repair went back to */
  readonly since: number | null;
  readonly lastDoneMs: number | null;
  readonly series: number;
  readonly points: number;
  readonly lastError: string | null;
}

/**
 * A node catching up after being away (stopped, killed, frozen, cut off): it asks every other
 * node for the series it owns that took a point since it left (`active`), reads their points
 * from then on (`fetch`, the replica's stored and hot data) and writes them into its own engine.
 * Repairs asked for while one runs are merged into one more run from the earliest `since`.
 * Other nodes keep answering reads for the gap meanwhile (the replicas' answers fill it).
 */
export class Repair {
  private running: Promise<void> | null = null;
  private next: number | null = null;
  private since: number | null = null;
  private lastDoneMs: number | null = null;
  private lastError: string | null = null;
  private failures = 0;
  /** the earliest `since` of runs that failed and wait for their retry */
  private retrySince: number | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly counters;

  constructor(
    private readonly map: ClusterMap,
    private readonly peers: ReadonlyMap<number, Peer>,
    private readonly writer: PointWriter,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    stats: Stats,
    /**
     * whether a node this one saw answering has since not answered its probes for long enough to
     * be taken over from (shared store). Such a node that cannot be read does not keep a repair
     * owed, or a node owing one while another is dead would never catch up (nor persist). A node
     * not seen answering since this one started is never excused: this node cannot tell whether
     * it holds newer data than its log
     */
    private readonly isGone: (node: ClusterNode) => boolean = () => false,
    private readonly retryMs = RETRY_MS,
  ) {
    this.counters = { series: stats.counter('cluster.repair.series'), points: stats.counter('cluster.repair.points'), runs: stats.counter('cluster.repair.runs') };
  }

  status(): RepairStatus {
    return {
      state: this.running ? 'running' : this.next !== null || this.retrySince !== null ? 'waiting' : 'idle',
      since: this.since,
      lastDoneMs: this.lastDoneMs,
      series: this.counters.series.value,
      points: this.counters.points.value,
      lastError: this.lastError,
    };
  }

  /**
   * The earliest arrival time not yet caught up on (a run under way, waiting, or failed and
   * waiting for its retry), or null: what the heartbeat records instead of now, so that a repair
   * cut short is done again at the next start. While it is not null the node is not caught up:
   * a shared-store node writes nothing it owns (its copy may be older than a replica's).
   */
  owedSince(): number | null {
    const owed = [this.running !== null ? this.since : null, this.next, this.retrySince].filter((s): s is number => s !== null);
    return owed.length === 0 ? null : Math.min(...owed);
  }

  /** Catches up on what arrived since `since` (seconds), now or after the run under way. */
  request(since: number, reason: string): void {
    if (this.stopped) return;
    this.next = this.next === null ? since : Math.min(this.next, since);
    this.log.warn({ since, reason }, 'cluster repair requested: fetching what this node missed from its replicas');
    if (this.running === null) this.running = this.loop();
  }

  /** Ends the repair under way at its next batch (the next start catches up from the heartbeat). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Resolves when no repair runs or waits. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.next !== null && !this.stopped) {
        const since = this.next;
        this.next = null;
        this.since = since;
        try {
          await this.runOnce(since);
          this.lastError = null;
          this.failures = 0;
          // this run covered the spans whose runs had failed
          if (this.retrySince !== null && since <= this.retrySince) this.retrySince = null;
        } catch (err) {
          if (this.stopped) {
            // cut short by the node's stop: still owed (the heartbeat records it for the next start)
            this.owe(since);
            break;
          }
          this.lastError = (err as Error).message;
          this.failures++;
          this.log.error({ err, since, failures: this.failures }, 'cluster repair failed: trying again later, not caught up meanwhile');
          // a node that could not be read may answer later: the span stays owed (this node is
          // not caught up) until a run over it succeeds
          this.owe(since);
          if (this.retryTimer === null) {
            this.retryTimer = setTimeout(() => {
              this.retryTimer = null;
              const again = this.retrySince;
              this.retrySince = null;
              if (again !== null) this.request(again, `retry ${this.failures}`);
            }, this.retryMs);
            this.retryTimer.unref();
          }
        }
      }
      this.lastDoneMs = Date.now();
    } finally {
      this.running = null;
    }
  }

  private owe(since: number): void {
    this.retrySince = this.retrySince === null ? since : Math.min(this.retrySince, since);
  }

  private async runOnce(since: number): Promise<void> {
    this.counters.runs.inc();
    const before = { series: this.counters.series.value, points: this.counters.points.value };
    const failed: string[] = [];
    const gone: string[] = [];
    for (const node of this.map.others) {
      try {
        await this.fromNode(node, since);
      } catch (err) {
        if (!this.stopped && this.isGone(node)) gone.push(`${node.name}: ${(err as Error).message}`);
        else failed.push(`${node.name}: ${(err as Error).message}`);
      }
    }
    const done = { series: this.counters.series.value - before.series, points: this.counters.points.value - before.points };
    this.log.warn({ since, ...done, failed, gone }, 'cluster repair done');
    if (failed.length > 0) throw new Error(`some nodes could not be read: ${failed.join('; ')}`);
  }

  private async fromNode(node: ClusterNode, since: number): Promise<void> {
    if (this.stopped) throw new Error('the repair was stopped');
    const peer = this.peers.get(node.index)!;
    const deadline = () => Date.now() + this.timeoutMs;
    for (let after = ''; ; ) {
      const page = await peer.request({ op: 'active', owner: this.map.self.name, since, after, limit: PAGE }, deadline(), { evenIfDown: true });
      for (let i = 0; i < page.names.length; i += BATCH) {
        if (this.stopped) throw new Error('the repair was stopped');
        const names = page.names.slice(i, i + BATCH);
        const now = this.clock.nowSeconds();
        const series = await peer.request({ op: 'fetch', names, from: since - REPAIR_LATENESS, until: now, now, layers: 'all' }, deadline(), { evenIfDown: true });
        for (const s of series) {
          if (s === null) continue;
          let n = 0;
          for (let k = 0; k < s.values.length; k++) {
            const v = s.values[k];
            if (v === v) {
              this.writer.write(s.name, v, s.start + k * s.step);
              n++;
            }
          }
          this.counters.series.inc();
          this.counters.points.inc(n);
        }
        this.writer.commit();
      }
      if (!page.more || page.names.length === 0) return;
      after = page.names[page.names.length - 1];
    }
  }
}
