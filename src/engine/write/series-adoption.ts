import type { Logger } from '../../lib/logger.js';
import type { MetricName } from '../../series/types.js';
import type { NewSeriesSink } from './registration.js';

/** a failed announcement is tried again after this long */
const RETRY_MS = 1000;

/**
 * Announces to this process' own index the series it writes that another writer of a shared
 * store registered first. Registration only announces series the registry did not know; with a
 * shared store and an index per process, a series whose first writer was another node would
 * otherwise be stored by this one but never found through it (a replica that took over from a
 * dead primary served nothing). The registry already has these series: only the sinks learn of
 * them, and a failure is logged and tried again.
 */
export class SeriesAdoption {
  private queued: MetricName[] = [];
  private readonly sinks: NewSeriesSink[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly logger: Logger) {}

  addSink(sink: NewSeriesSink): void {
    this.sinks.push(sink);
  }

  /** Whether anyone listens: with no sink, nothing is queued. */
  get wanted(): boolean {
    return this.sinks.length > 0;
  }

  /** A series the registry knew when this process first wrote it; announced after the current batch of writes. */
  add(metric: MetricName): void {
    if (!this.wanted || this.closed) return;
    this.queued.push(metric);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.start();
    });
  }

  /** Settles when every announcement started so far has finished (well or not). */
  async settled(): Promise<void> {
    while (this.scheduled || this.inFlight.size > 0) {
      if (this.scheduled) await new Promise<void>((resolve) => queueMicrotask(resolve));
      else await Promise.all(this.inFlight);
    }
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private start(): void {
    if (this.queued.length === 0) return;
    const list = this.queued;
    this.queued = [];
    const p = Promise.all(this.sinks.map((sink) => sink(list))).then(
      () => undefined,
      (err) => {
        this.logger.error({ err, series: list.length }, "announcing series another writer registered to this process' index failed; will retry");
        if (this.closed) return;
        this.queued.push(...list);
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = null;
          this.start();
        }, RETRY_MS).unref();
      },
    );
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
