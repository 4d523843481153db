import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { prometheusIdentity, type PrometheusIdentity } from './prometheus-names.js';

/** Timer buckets, seconds: a cheap find to a render at its time limit. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface Read {
  readonly labels: Readonly<Record<string, string>>;
  read: () => number;
}

/**
 * The server's figures as prom-client metrics, for /prometheus/metrics: counters and gauges
 * read from the Stats registry when scraped (the hot paths keep incrementing plain numbers),
 * timers as histograms observed as they happen. Names, labels and HELP come from
 * prometheusIdentity.
 */
export class PrometheusFigures {
  readonly registry = new Registry();
  private readonly reads = new Map<string, Map<string, Read>>();
  private readonly histograms = new Map<string, Histogram>();
  private defaults = false;

  /** A counter whose value `read` gives (cumulative since start). */
  counter(name: string, read: () => number): void {
    const id = prometheusIdentity(name, 'counter');
    if (id) this.read(id, read, 'counter');
  }

  /** A gauge read when scraped; registering the same name again replaces its reader. */
  gauge(name: string, read: () => number): void {
    const id = prometheusIdentity(name, 'gauge');
    if (id) this.read(id, read, 'gauge');
  }

  /** What to call with each duration (ms) of a timer, or null when Prometheus does not get it. */
  timer(name: string): ((ms: number) => void) | null {
    const id = prometheusIdentity(name, 'timer');
    if (!id) return null;
    let h = this.histograms.get(id.name);
    if (!h) {
      h = new Histogram({ name: id.name, help: id.help, labelNames: [...id.labelNames], buckets: BUCKETS, registers: [this.registry] });
      this.histograms.set(id.name, h);
    }
    const child = id.labelNames.length > 0 ? h.labels(id.labels) : h;
    return (ms) => child.observe(ms / 1000);
  }

  /** prom-client's process and Node.js metrics (CPU, memory, event loop lag, GC), once. */
  withDefaultMetrics(): this {
    if (!this.defaults) collectDefaultMetrics({ register: this.registry });
    this.defaults = true;
    return this;
  }

  /** The text exposition format (0.0.4), every family with HELP and TYPE. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private read(id: PrometheusIdentity, read: () => number, kind: 'counter' | 'gauge'): void {
    let family = this.reads.get(id.name);
    if (!family) {
      const members = (family = new Map<string, Read>());
      this.reads.set(id.name, members);
      const config = { name: id.name, help: id.help, labelNames: [...id.labelNames], registers: [this.registry] };
      if (kind === 'counter') {
        new Counter({
          ...config,
          collect() {
            this.reset();
            for (const m of members.values()) this.inc(m.labels, m.read());
          },
        });
      } else {
        new Gauge({
          ...config,
          collect() {
            for (const m of members.values()) this.set(m.labels, m.read());
          },
        });
      }
    }
    family.set(JSON.stringify(id.labels), { labels: id.labels, read });
  }
}
