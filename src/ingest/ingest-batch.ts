import type { Counter, Stats } from '../lib/stats.js';
import type { RateLimitedLog } from '../lib/logger.js';
import type { PointHandler } from './point-handler.js';
import { type PointWriter, WriteStatus } from '../engine/point-writer.js';
import { REJECT_MESSAGES, RejectReason } from './reject-reason.js';

/** Buffer's own UTF-8 decoder, which toString() dispatches to after checking its arguments */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(this: Uint8Array, start: number, end: number): string }).utf8Slice;

/**
 * The Stats counters of one ingest source (`ingest.tcp`, `ingest.udp`, `ingest.pickle`,
 * `ingest.http`): `<prefix>.received` (points and bad lines read), `.points_accepted`,
 * `.points_dropped_nan`, `.rejected.<reason>`, `.commit_errors`.
 */
export class IngestCounters {
  readonly received: Counter;
  readonly accepted: Counter;
  readonly droppedNaN: Counter;
  readonly commitErrors: Counter;
  private readonly rejected = new Map<RejectReason, Counter>();

  constructor(
    readonly stats: Stats,
    readonly prefix: string,
  ) {
    this.received = stats.counter(`${prefix}.received`);
    this.accepted = stats.counter(`${prefix}.points_accepted`);
    this.droppedNaN = stats.counter(`${prefix}.points_dropped_nan`);
    this.commitErrors = stats.counter(`${prefix}.commit_errors`);
  }

  rejectedBy(reason: RejectReason): Counter {
    let c = this.rejected.get(reason);
    if (!c) this.rejected.set(reason, (c = this.stats.counter(`${this.prefix}.rejected.${reason}`)));
    return c;
  }

  /** a counter of this source beside the standard ones (connections, frames, ...) */
  counter(name: string): Counter {
    return this.stats.counter(`${this.prefix}.${name}`);
  }
}

export interface IngestBatchOptions {
  /** what the sender is, for log lines: `tcp 10.0.0.5:41234` */
  source: string;
  /** what a position counts, for error messages: `line` or `item` */
  unit: 'line' | 'item';
  /** keep this many error messages for the sender (HTTP answers them); 0 keeps none */
  keepErrors?: number;
}

/**
 * The points of one batch (a socket read, a pickle frame, an HTTP body) on their way to the
 * PointWriter: written as a decoder reads them, refused ones counted by reason and logged
 * (rate-limited), and accepted once commit() has made them durable. One per connection,
 * reused from batch to batch.
 */
export class IngestBatch implements PointHandler {
  /** written, not yet committed */
  private pending = 0;
  /** refused or dropped in this batch */
  rejected = 0;
  readonly errors: string[] = [];

  constructor(
    private readonly writer: PointWriter,
    private readonly counters: IngestCounters,
    private readonly log: RateLimitedLog,
    private readonly options: IngestBatchOptions,
  ) {}

  point(name: string, value: number, timestamp: number, position: number): void {
    this.counters.received.value++;
    // carbon drops NaN without a word; the sender is told only over HTTP
    if (value !== value) return this.droppedNaN(position);
    this.settle(this.writer.write(name, value, timestamp), name, timestamp, position);
  }

  pointBytes(buf: Uint8Array, start: number, end: number, value: number, timestamp: number, position: number): void {
    const writer = this.writer;
    if (writer.writeBytes === undefined) return this.point(utf8Slice.call(buf, start, end), value, timestamp, position);
    this.counters.received.value++;
    if (value !== value) return this.droppedNaN(position);
    const status = writer.writeBytes(buf, start, end, value, timestamp);
    if (status === WriteStatus.Accepted) this.pending++;
    else this.settle(status, utf8Slice.call(buf, start, end), timestamp, position);
  }

  private settle(status: WriteStatus, name: string, timestamp: number, position: number): void {
    if (status === WriteStatus.Accepted) this.pending++;
    else if (status === WriteStatus.InvalidName) this.refuse(RejectReason.Name, name, position);
    else if (status === WriteStatus.TooOld) this.refuse(RejectReason.TooOld, `${name} ${timestamp}`, position);
    else this.droppedNaN(position);
  }

  reject(reason: RejectReason, text: string, position: number): void {
    this.counters.received.value++;
    this.refuse(reason, text, position);
  }

  /** Makes the batch durable; returns how many points it accepted. The batch is then empty. */
  commit(): number {
    const n = this.pending;
    if (n === 0) return 0; // nothing written, nothing to make durable
    this.writer.commit();
    this.pending = 0;
    this.counters.accepted.value += n;
    return n;
  }

  /** Counts the batch's points as lost (commit failed) and empties it. */
  abandon(): void {
    this.pending = 0;
    this.counters.commitErrors.value++;
  }

  /** clears what an HTTP answer reports, for the next batch */
  resetReport(): void {
    this.rejected = 0;
    this.errors.length = 0;
  }

  private droppedNaN(position: number): void {
    this.counters.droppedNaN.value++;
    this.rejected++;
    this.keepError(position, 'value is NaN (dropped, as carbon does)');
  }

  private refuse(reason: RejectReason, text: string, position: number): void {
    this.counters.rejectedBy(reason).value++;
    this.rejected++;
    const message = REJECT_MESSAGES[reason];
    this.keepError(position, `${message}: ${JSON.stringify(text)}`);
    this.log.warn({ source: this.options.source, reason, [this.options.unit]: position, input: text }, `ingest: ${message}, dropped`);
  }

  private keepError(position: number, message: string): void {
    if (this.errors.length < (this.options.keepErrors ?? 0)) this.errors.push(`${this.options.unit} ${position}: ${message}`);
  }
}
