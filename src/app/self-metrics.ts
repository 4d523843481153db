import { hostname } from 'node:os';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { PointWriter } from '../engine/point-writer.js';

/** carbon's default: `carbyne.<hostname>.`, dots in the host name replaced by `_`. */
export function selfMetricsPrefix(configured: string | undefined, host: string = hostname()): string {
  const prefix = configured ?? `carbyne.${host.replace(/\./g, '_')}`;
  return prefix === '' || prefix.endsWith('.') ? prefix : `${prefix}.`;
}

/**
 * Writes the server's own figures as Graphite series through the normal write path, every
 * interval, as carbon does for itself: counters as the change over the interval (carbon's
 * `metricsReceived` style), gauges as read, timers as the interval's count/mean/max/p50/p99.
 */
export class SelfMetrics {
  private timer: NodeJS.Timeout | null = null;
  private readonly lastCounters = new Map<string, number>();

  constructor(
    private readonly stats: Stats,
    private readonly writer: PointWriter,
    private readonly clock: Clock,
    private readonly prefix: string,
    private readonly intervalSeconds: number,
    private readonly log: Logger,
  ) {
    const cpu0 = process.cpuUsage();
    stats.gauge('process.rss_bytes', () => process.memoryUsage.rss());
    stats.gauge('process.heap_used_bytes', () => process.memoryUsage().heapUsed);
    stats.gauge('process.cpu_seconds', () => {
      const c = process.cpuUsage(cpu0);
      return (c.user + c.system) / 1e6;
    });
  }

  start(): void {
    this.timer = setInterval(() => {
      try {
        this.report();
      } catch (err) {
        this.log.error({ err }, 'self-metrics report failed');
      }
    }, this.intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Writes one report; returns how many points. */
  report(): number {
    const now = this.clock.nowSeconds();
    let n = 0;
    for (const f of this.stats.collect()) {
      let value = f.value;
      if (f.kind === 'counter') {
        value = f.value - (this.lastCounters.get(f.name) ?? 0);
        this.lastCounters.set(f.name, f.value);
      }
      if (!Number.isFinite(value)) continue;
      this.writer.write(`${this.prefix}${f.name}`, value, now);
      n++;
    }
    this.writer.commit();
    return n;
  }
}
