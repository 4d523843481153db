/**
 * npm run bench -- --soak [--soak-minutes N]   (or CARBYNE_SOAK_MINUTES=N; 10 by default)
 *
 * The soak: the real app (LMDB store and index, write-ahead log, storage engine, carbon and
 * HTTP listeners on loopback) in this process, six hours of history written first, then for
 * the run's length, from a worker thread (bench/soak-clients.ts): carbon plaintext at a fixed
 * rate, Grafana-like dashboards from many concurrent clients, and a hostile request every few
 * seconds. This thread watches its own event loop (perf_hooks.monitorEventLoopDelay and a
 * sampling timer) and its resident memory. It prints p50/p99/max latency per request kind,
 * the event loop's delays, errors and memory over time, and draws them in
 * `.bench/soak-<time>.svg` (with the raw figures in `.bench/soak-<time>.json`). Any error (an
 * answer other than the kind's expected statuses, a failed connection) fails the benchmark.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { CarbyneApp } from '../src/app.js';
import { validateConfig } from '../src/config/load.js';
import { WriteStatus } from '../src/engine/point-writer.js';
import { figure, type Figure } from './harness.js';
import { soakMetric, type SoakClientOptions, type SoakSample } from './soak-data.js';
import { soakSvg, type Line } from './soak-plot.js';

export interface SoakOptions {
  readonly minutes: number;
  /** where the plot and the figures go */
  readonly outDir: string;
  log(message: string): void;
}

const HOSTS = 100;
const METRICS = 20;
const STEP = 10;
const HISTORY_SECONDS = 6 * 3600;

export async function runSoak(opts: SoakOptions): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-soak-'));
  const config = validateConfig({
    dataDir,
    logLevel: 'warn',
    http: { listen: '127.0.0.1:0' },
    carbon: { listen: '127.0.0.1:0', udp: false },
    pickle: { enabled: false },
    selfMetrics: { enabled: false },
    retentions: [{ pattern: '^soak\\.', retentions: `${STEP}s:2d` }],
  });
  const app = await CarbyneApp.create({ config, logger: false });
  try {
    const addresses = await app.listen();
    opts.log(`writing ${HISTORY_SECONDS / 3600} h of history for ${HOSTS * METRICS} series`);
    await writeHistory(app);
    const durationMs = opts.minutes * 60_000;
    const clients: SoakClientOptions = {
      http: addresses.http,
      carbonPort: Number(addresses.carbon!.split(':').pop()),
      durationMs,
      hosts: HOSTS,
      metricsPerHost: METRICS,
      pointsPerSecond: 2000,
      dashboards: 20,
      hostileEveryMs: 5000,
    };
    opts.log(`soak: ${opts.minutes} min, ${clients.dashboards} dashboards, ${clients.pointsPerSecond} points/s, a hostile request every ${clients.hostileEveryMs / 1000} s`);
    const watch = new LoopWatch();
    const result = await runClients(clients, opts.log);
    const loop = watch.stop();
    return report(result.samples, loop, result.written, opts);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Six hours of points for every series before the clients start, so that renders read stored and hot data. */
async function writeHistory(app: CarbyneApp): Promise<void> {
  const writer = app.pointWriter;
  const now = Math.floor(Date.now() / 1000);
  let n = 0;
  for (let t = now - HISTORY_SECONDS; t < now; t += STEP) {
    for (let h = 0; h < HOSTS; h++) {
      for (let m = 0; m < METRICS; m++) {
        if (writer.write(soakMetric(h, m), (h + m + t / STEP) % 100, t) !== WriteStatus.Accepted) throw new Error('a history point was not accepted');
        if (++n % 10_000 === 0) {
          writer.commit();
          await new Promise((r) => setImmediate(r));
        }
      }
    }
  }
  writer.commit();
}

function runClients(options: SoakClientOptions, log: (m: string) => void): Promise<{ samples: SoakSample[]; written: number }> {
  const samples: SoakSample[] = [];
  let written = 0;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./soak-clients.js', import.meta.url), { workerData: options });
    let lastLog = performance.now();
    worker.on('message', (m: { samples?: SoakSample[]; written?: number; done?: boolean }) => {
      if (m.samples) samples.push(...m.samples);
      if (m.written !== undefined) written = m.written;
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        log(`${samples.length} answers so far, ${samples.filter((s) => !s.ok).length} errors`);
      }
      if (m.done) void worker.terminate().then(() => resolve({ samples, written }));
    });
    worker.on('error', reject);
  });
}

interface LoopRecord {
  /** per second: [seconds, largest delay ms, rss MB] */
  readonly perSecond: Array<[number, number, number]>;
  readonly maxDelayMs: number;
  readonly p99DelayMs: number;
  /** sampling-timer delays over 50 ms */
  readonly delaysOver50: number;
}

/** This thread's event loop (monitorEventLoopDelay, and a 10 ms timer counting delays over 50 ms) and memory, per second. */
class LoopWatch {
  private readonly all = monitorEventLoopDelay({ resolution: 10 });
  private readonly second = monitorEventLoopDelay({ resolution: 10 });
  private readonly perSecond: Array<[number, number, number]> = [];
  private readonly started = performance.now();
  private last = performance.now();
  private over50 = 0;
  private readonly sampler: NodeJS.Timeout;
  private readonly everySecond: NodeJS.Timeout;

  constructor() {
    this.all.enable();
    this.second.enable();
    this.sampler = setInterval(() => {
      const now = performance.now();
      if (now - this.last > 60) this.over50++;
      this.last = now;
    }, 10);
    this.everySecond = setInterval(() => {
      this.perSecond.push([(performance.now() - this.started) / 1000, this.second.max / 1e6, process.memoryUsage.rss() / 2 ** 20]);
      this.second.reset();
    }, 1000);
  }

  stop(): LoopRecord {
    clearInterval(this.sampler);
    clearInterval(this.everySecond);
    this.all.disable();
    this.second.disable();
    return { perSecond: this.perSecond, maxDelayMs: this.all.max / 1e6, p99DelayMs: this.all.percentile(99) / 1e6, delaysOver50: this.over50 };
  }
}

function report(samples: readonly SoakSample[], loop: LoopRecord, written: number, opts: SoakOptions): Figure[] {
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  const figures: Figure[] = [];
  const lines: Line[] = [];
  // answers started near the end finish after it
  const durationS = samples.reduce((end, s) => Math.max(end, (s.at + s.ms) / 1000), Math.max(opts.minutes * 60, loop.perSecond.at(-1)?.[0] ?? 0));
  for (const kind of kinds) {
    const of = samples.filter((s) => s.kind === kind);
    const ms = of.map((s) => s.ms).sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(p * ms.length) - 1))];
    figures.push(figure(`${kind}: p50`, q(0.5), 'ms'), figure(`${kind}: p99`, q(0.99), 'ms'), figure(`${kind}: max`, ms[ms.length - 1], 'ms'), figure(`${kind}: requests`, of.length, 'count'));
    const windows = new Map<number, number>();
    for (const s of of) {
      const w = Math.floor(s.at / 10_000);
      windows.set(w, Math.max(windows.get(w) ?? 0, s.ms));
    }
    lines.push({ label: kind, points: [...windows.entries()].sort((a, b) => a[0] - b[0]).map(([w, v]) => [w * 10 + 5, v] as const) });
  }
  const errors = samples.filter((s) => !s.ok);
  figures.push(
    figure('event loop: largest delay', loop.maxDelayMs, 'ms'),
    figure('event loop: p99 delay', loop.p99DelayMs, 'ms'),
    figure('event loop: delays over 50 ms (10 ms sampling timer)', loop.delaysOver50, 'count'),
    figure('carbon points written', written, 'points'),
    figure('RSS at start', loop.perSecond[0]?.[2] ?? 0, 'MiB'),
    figure('RSS at end', loop.perSecond[loop.perSecond.length - 1]?.[2] ?? 0, 'MiB'),
    figure('RSS largest', loop.perSecond.reduce((m, p) => Math.max(m, p[2]), 0), 'MiB'),
    figure('errors', errors.length, 'count'),
  );
  mkdirSync(opts.outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const svg = soakSvg(`carbyne soak, ${opts.minutes} min, ${samples.length} answers, ${errors.length} errors`, durationS, [
    { title: 'slowest answer per 10 s, by request kind', unit: 'ms', lines },
    { title: 'event loop: largest delay per second', unit: 'ms', lines: [{ label: 'largest delay', points: loop.perSecond.map(([t, d]) => [t, d] as const) }] },
    { title: 'resident memory', unit: 'MiB', lines: [{ label: 'RSS', points: loop.perSecond.map(([t, , r]) => [t, r] as const) }] },
  ]);
  const svgPath = join(opts.outDir, `soak-${stamp}.svg`);
  writeFileSync(svgPath, svg);
  writeFileSync(join(opts.outDir, `soak-${stamp}.json`), JSON.stringify({ figures, errors: errors.slice(0, 100), loop }, null, 2));
  opts.log(`plot: ${svgPath}`);
  if (errors.length > 0) {
    const first = errors.slice(0, 5).map((e) => `${e.kind}: ${e.status} ${e.error ?? ''}`).join('\n    ');
    throw new Error(`${errors.length} errors during the soak, the first:\n    ${first}`);
  }
  return figures;
}
