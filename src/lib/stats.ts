import { PrometheusFigures } from './prometheus-figures.js';

/**
 * The server's own counters, gauges and timers. Self-metrics write them as Graphite series
 * (carbon-style, under a prefix) and /prometheus/metrics serves the same figures through
 * prom-client (`prometheus`); the parts that count only ever see this registry. Names are
 * dotted, e.g. `ingest.tcp.points_accepted`.
 */

export class Counter {
  value = 0;
  inc(n = 1): void {
    this.value += n;
  }
}

/** Durations in milliseconds; reports count, mean, max and percentiles since the last reset. */
export class Timer {
  private samples: number[] = [];
  private total = 0;
  count = 0;

  constructor(
    /** keeps at most this many samples per interval (reservoir), so memory stays bounded */
    private readonly maxSamples = 4096,
    /** also told every duration (the Prometheus histogram) */
    private readonly alsoObserve: ((ms: number) => void) | null = null,
  ) {}

  observe(ms: number): void {
    this.alsoObserve?.(ms);
    this.count++;
    this.total += ms;
    if (this.samples.length < this.maxSamples) this.samples.push(ms);
    else {
      const i = Math.floor(Math.random() * this.count);
      if (i < this.maxSamples) this.samples[i] = ms;
    }
  }

  /** summary of the interval, then starts a new one */
  drain(): { count: number; mean: number; max: number; p50: number; p99: number } {
    const out = this.peek();
    this.samples = [];
    this.total = 0;
    this.count = 0;
    return out;
  }

  /** summary of the interval so far, without ending it (for scrapes between self-metric reports) */
  peek(): { count: number; mean: number; max: number; p50: number; p99: number } {
    const s = this.samples.sort((a, b) => a - b);
    const at = (q: number) => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]);
    return { count: this.count, mean: this.count === 0 ? 0 : this.total / this.count, max: s.length ? s[s.length - 1] : 0, p50: at(0.5), p99: at(0.99) };
  }
}

export type StatKind = 'counter' | 'gauge' | 'timer';

export class Stats {
  private readonly counters = new Map<string, Counter>();
  private readonly gauges = new Map<string, () => number>();
  private readonly timers = new Map<string, Timer>();
  /** the same figures for Prometheus (counters and gauges read when scraped, timers as histograms) */
  readonly prometheus = new PrometheusFigures();

  counter(name: string): Counter {
    let c = this.counters.get(name);
    if (!c) {
      const counter = (c = new Counter());
      this.counters.set(name, counter);
      this.prometheus.counter(name, () => counter.value);
    }
    return c;
  }

  /** a value read when reported (series count, hot bytes, WAL size) */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
    this.prometheus.gauge(name, read);
  }

  timer(name: string): Timer {
    let t = this.timers.get(name);
    if (!t) this.timers.set(name, (t = new Timer(undefined, this.prometheus.timer(name))));
    return t;
  }

  /**
   * Every figure as (name, kind, value); timers give `.count`, `.mean`, `.max`, `.p50`, `.p99`
   * and are drained (a new interval starts) unless `drain` is false.
   */
  collect(drain = true): Array<{ name: string; kind: StatKind; value: number }> {
    const out: Array<{ name: string; kind: StatKind; value: number }> = [];
    for (const [name, c] of this.counters) out.push({ name, kind: 'counter', value: c.value });
    for (const [name, read] of this.gauges) out.push({ name, kind: 'gauge', value: read() });
    for (const [name, t] of this.timers) {
      for (const [k, v] of Object.entries(drain ? t.drain() : t.peek())) out.push({ name: `${name}.${k}`, kind: 'timer', value: v });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
