import type { Logger } from '../../lib/logger.js';
import type { MetricName } from '../../series/types.js';
import type { SeriesRecord, SeriesRegistry } from '../../stores/chunk-store.js';
import type { SeriesState } from '../table/series-state.js';

/** Where new series are announced before the registry records them (the metric and tag index). */
export type NewSeriesSink = (metrics: readonly MetricName[]) => Promise<void>;

/**
 * Makes new series known: first to the sinks (the index: a series the registry knows is always
 * findable), then durably to the registry. Until the registry holds a series, every log batch
 * carries its definition and the log is not cut past it; a failed registration is tried again
 * with a later commit.
 */
export class Registration {
  private created: SeriesState[] = [];
  private retry: SeriesState[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sinks: NewSeriesSink[] = [];
  /** series whose registration failed and waits for another try */
  private failed = 0;

  constructor(
    private readonly registry: Pick<SeriesRegistry, 'put'>,
    private readonly logger: Logger,
  ) {}

  addSink(sink: NewSeriesSink): void {
    this.sinks.push(sink);
  }

  /** A series the registry does not know yet. */
  add(s: SeriesState): void {
    this.created.push(s);
  }

  /** Whether some series' registration failed: the write-ahead log must keep their definitions. */
  get blocksLogTruncation(): boolean {
    return this.failed > 0;
  }

  /** Starts registering what was created since the last call, and failed ones again when nothing is in flight. */
  start(): void {
    if (this.created.length > 0) {
      const list = this.created;
      this.created = [];
      this.register(list, false);
    }
    if (this.retry.length > 0 && this.inFlight.size === 0) {
      const list = this.retry;
      this.retry = [];
      this.register(list, true);
    }
  }

  /** Settles when every registration started so far has finished (well or not). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** At shutdown: one more try for the failed ones, then settled(). */
  async finish(): Promise<void> {
    this.start();
    await this.settled();
    if (this.retry.length > 0) {
      const list = this.retry;
      this.retry = [];
      this.register(list, true);
      await this.settled();
    }
  }

  private register(list: SeriesState[], isRetry: boolean): void {
    const records: SeriesRecord[] = list.map((s) => ({ id: s.id, metric: s.metric, schema: s.schema, lastWrite: s.lastWrite }));
    const metrics = list.map((s) => s.metric);
    const p = (async () => {
      await Promise.all(this.sinks.map((sink) => sink(metrics)));
      await this.registry.put(records);
    })().then(
      () => {
        list.forEach((s, k) => {
          s.registered = true;
          s.walDefinition = null;
          s.persistedLastWrite = records[k].lastWrite ?? 0;
        });
        if (isRetry) this.failed -= list.length;
      },
      (err) => {
        this.logger.error({ err, series: list.length }, 'registering new series failed (index or registry); will retry, the write-ahead log is kept meanwhile');
        if (!isRetry) this.failed += list.length;
        this.retry.push(...list);
      },
    );
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
