import type { Logger } from '../../lib/logger.js';
import type { Counter } from '../../lib/stats.js';
import type { Peer } from '../peer/peer.js';

/** Points bound for one node, in arrival order. */
interface Batch {
  names: string[];
  values: number[];
  timestamps: number[];
}

export interface ForwardQueueOptions {
  /** most points one POST carries */
  readonly batchPoints: number;
  /** time limit of one POST */
  readonly timeoutMs: number;
  /** first wait before sending again to a node that failed; doubles up to `maxRetryMs` */
  readonly retryMs: number;
  readonly maxRetryMs: number;
}

/**
 * Points on their way to one other node: sent in batches, one POST at a time so they arrive
 * in order, each kept until the node has logged it (its answer), and sent again after a pause
 * while the node does not answer. The queue is bounded by the caller (ForwardQueues): past the
 * bound the oldest batches go first.
 */
export class ForwardQueue {
  private readonly batches: Batch[] = [];
  private points = 0;
  private sending = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly peer: Peer,
    private readonly opts: ForwardQueueOptions,
    private readonly counters: { sent: Counter; dropped: Counter; failures: Counter },
    private readonly log: Logger,
  ) {
    this.retryMs = opts.retryMs;
  }

  get queuedPoints(): number {
    return this.points;
  }

  add(name: string, value: number, timestamp: number): void {
    let last = this.batches[this.batches.length - 1];
    // the batch being sent is batches[0]: never add to it
    if (last === undefined || last.names.length >= this.opts.batchPoints || (this.sending && this.batches.length === 1)) {
      last = { names: [], values: [], timestamps: [] };
      this.batches.push(last);
    }
    last.names.push(name);
    last.values.push(value);
    last.timestamps.push(timestamp);
    this.points++;
  }

  /** Drops the oldest batches not being sent until at most `keep` points remain; returns how many went. */
  trim(keep: number): number {
    let dropped = 0;
    const first = this.sending ? 1 : 0;
    while (this.points > keep && this.batches.length > first) {
      const [b] = this.batches.splice(first, 1);
      this.points -= b.names.length;
      dropped += b.names.length;
    }
    if (dropped > 0) this.counters.dropped.inc(dropped);
    return dropped;
  }

  /** Starts sending what is queued (unless a send or a pause after a failure is under way). */
  kick(): void {
    if (this.sending || this.retryTimer !== null || this.closed) return;
    const batch = this.batches[0];
    if (batch === undefined) {
      this.notifyIdle();
      return;
    }
    this.sending = true;
    const call = { op: 'points' as const, names: batch.names, values: Float64Array.from(batch.values), timestamps: Float64Array.from(batch.timestamps) };
    this.peer.request(call, Date.now() + this.opts.timeoutMs, { evenIfDown: true }).then(
      () => {
        this.sending = false;
        this.batches.shift();
        this.points -= batch.names.length;
        this.counters.sent.inc(batch.names.length);
        this.retryMs = this.opts.retryMs;
        this.kick();
      },
      (err: Error) => {
        this.sending = false;
        this.counters.failures.inc();
        this.log.warn({ node: this.peer.name, queued: this.points, err: err.message }, 'forwarding points failed; sending again later');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, this.retryMs);
        this.retryTimer.unref();
        this.retryMs = Math.min(this.opts.maxRetryMs, this.retryMs * 2);
      },
    );
  }

  /** Resolves once nothing is queued (or the queue is closed). */
  idle(): Promise<void> {
    if (this.points === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.notifyIdle();
  }
}
