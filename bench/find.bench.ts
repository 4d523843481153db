/**
 * Find: build, restart and query the metric index at 1 M and 10 M series (`--quick`: 100 k),
 * with the queries Grafana sends; and the same queries over HTTP to carbyne and to graphite-web
 * over a tree of whisper files it can hold (20 k series; not in `--quick`), as a ratio in the
 * same run (in-process figures have no peer: graphite-web has no in-process find to compare).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Minimatch } from 'minimatch';
import { compilePattern } from '../src/finders/glob/compile.js';
import { INDEX_DB_NAMES, LmdbMetricIndex } from '../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../src/lib/logger.js';
import type { MetricName } from '../src/series/types.js';
import { openLmdbEnvironment } from '../src/stores/lmdb/environment.js';
import { grafanaQueries, seriesPaths } from './find-data.js';
import { startGraphiteTree } from './find-oracle.js';
import { figure, percentiles, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { CarbyneApp } from '../src/app.js';
import { validateConfig } from '../src/config/load.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

export const benchmark: Benchmark = {
  name: 'find',
  async run(ctx) {
    const figures: Figure[] = [];
    const sizes = ctx.quick ? [100_000] : [1_000_000, 10_000_000];
    figures.push(...againstMinimatch());
    for (const size of sizes) figures.push(...(await atScale(ctx, size)));
    // starting graphite-web and writing its whisper files takes ~20 s: not in the quick suite
    if (ctx.quick) ctx.log('graphite-web comparison: full run only');
    else figures.push(...(await againstGraphite(ctx, 20_000)));
    return figures;
  },
};

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

async function atScale(ctx: BenchContext, size: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-find-bench-'));
  const out: Figure[] = [];
  const at = label(size);
  try {
    const built = await build(dir, size);
    out.push(figure(`${at}: index build (register, persisted)`, size / built.registerS, 'series/s'));
    out.push(figure(`${at}: snapshot written on close`, built.closeS, 's'));
    ctx.log(`${at}: built in ${built.registerS.toFixed(1)} s, snapshot in ${built.closeS.toFixed(1)} s`);
    out.push(figure(`${at}: load without snapshot (rebuild from paths, write snapshot)`, await loadWithoutSnapshot(dir), 's'));

    gc();
    const before = process.memoryUsage();
    const t1 = performance.now();
    const env = openLmdbEnvironment(dir);
    const index = LmdbMetricIndex.open(env, { logger: silentLogger });
    const loadS = (performance.now() - t1) / 1000;
    gc();
    const after = process.memoryUsage();
    out.push(figure(`${at}: load after restart (snapshot)`, loadS, 's'));
    // the tree's typed arrays, plus what the heap grew by (segment strings); LMDB's own buffers
    // (process.memoryUsage().arrayBuffers) are not the index's
    const bytes = index.memoryBytes() + Math.max(0, after.heapUsed - before.heapUsed);
    out.push(figure(`${at}: memory per series`, bytes / size, 'bytes'));
    ctx.log(`${at}: loaded in ${loadS.toFixed(2)} s, ${(bytes / 2 ** 20).toFixed(0)} MiB`);

    for (const { name, query } of grafanaQueries(size)) {
      const { median, p99, count } = measure(() => index.findNodes(query).length, ctx.quick ? 200 : 1000);
      out.push(figure(`${at}: ${name} (${count} nodes) median`, median * 1000, 'µs'));
      out.push(figure(`${at}: ${name} p99`, p99 * 1000, 'µs'));
    }
    await index.close();
    await env.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Registers a tree of `size` series in a fresh index in `dir`; seconds to register and to close. */
async function build(dir: string, size: number): Promise<{ registerS: number; closeS: number }> {
  const env = openLmdbEnvironment(dir);
  const index = LmdbMetricIndex.open(env, { logger: silentLogger });
  const t0 = performance.now();
  for (const batch of seriesPaths(size)) await index.register(batch.map((name): MetricName => ({ name, tags: NO_TAGS })));
  const t1 = performance.now();
  await index.close();
  const t2 = performance.now();
  await env.close();
  return { registerS: (t1 - t0) / 1000, closeS: (t2 - t1) / 1000 };
}

/** Seconds to open the index in `dir` after its snapshot is dropped (the first start after an upgrade). */
async function loadWithoutSnapshot(dir: string): Promise<number> {
  let env = openLmdbEnvironment(dir);
  await env.openDB(INDEX_DB_NAMES.snapshot, { encoding: 'binary' }).clearAsync();
  await env.close();
  env = openLmdbEnvironment(dir);
  const t = performance.now();
  const index = LmdbMetricIndex.open(env, { logger: silentLogger });
  const seconds = (performance.now() - t) / 1000;
  await index.close();
  await env.close();
  return seconds;
}

/**
 * One path element against 100 k host names: carbyne's compiled matcher (Python fnmatch
 * semantics) against minimatch, on patterns where both agree (minimatch reads `[^a]` as a
 * negation and `[!]` differently, so it could not serve graphite-web's semantics anyway).
 */
function againstMinimatch(): Figure[] {
  const segments = Array.from({ length: 100_000 }, (_, i) => `host${String(i).padStart(6, '0')}`);
  const out: Figure[] = [];
  for (const pattern of ['*01*', 'host0[0-4]*', 'h*t?0*9']) {
    const compiled = compilePattern(pattern);
    if (compiled.kind !== 'tree') continue;
    const element = compiled.elements[0];
    const mine = (s: string) => element.literals.includes(s) || (element.test !== null && element.test(s));
    const theirs = new Minimatch(pattern);
    const nsPerSegment = (test: (s: string) => boolean) => {
      let hits = 0;
      for (const s of segments) if (test(s)) hits++;
      const t = performance.now();
      for (let round = 0; round < 5; round++) for (const s of segments) if (test(s)) hits++;
      return { ns: ((performance.now() - t) * 1e6) / (5 * segments.length), hits };
    };
    const a = nsPerSegment(mine);
    const b = nsPerSegment((s) => theirs.match(s));
    if (a.hits !== b.hits) throw new Error(`carbyne and minimatch disagree on ${pattern}`);
    out.push(figure(`element match ${pattern}`, a.ns, 'ns/segment', { name: 'minimatch 11 (compiled once)', value: b.ns }));
  }
  return out;
}

/** Latency samples of `fn` in ms: up to `rounds` runs, at most about a second (after a warm-up). */
function measure(fn: () => number, rounds: number): { median: number; p99: number; count: number } {
  let count = 0;
  for (let i = 0; i < 5; i++) count = fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < rounds && (samples.length < 20 || performance.now() - start < 1000)) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return { ...percentiles(samples), count };
}

async function againstGraphite(ctx: BenchContext, size: number): Promise<Figure[]> {
  const at = label(size);
  const graphite = await startGraphiteTree(size, ctx.log);
  if (graphite === null) return [];
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-find-bench-'));
  const env = openLmdbEnvironment(dir);
  const index = LmdbMetricIndex.open(env, { logger: silentLogger });
  const out: Figure[] = [];
  let app: CarbyneApp | undefined;
  try {
    for (const batch of seriesPaths(size)) await index.register(batch.map((name): MetricName => ({ name, tags: NO_TAGS })));
    app = await startCarbyne(dir, index);
    const carbyneUrl = (await app.listen()).http;
    const peerName = 'graphite-web 1.1.8 HTTP find (format=json)';
    for (const { name, query } of grafanaQueries(size)) {
      // the same requests, by the same client, each server over a kept-alive connection
      const theirs = await httpLatencies(graphite.url, query, 30);
      const http = await httpLatencies(carbyneUrl, query, 100);
      // a ratio over different answers compares nothing: the benchmark fails
      if (http.count !== theirs.count) throw new Error(`${name}: carbyne over HTTP answered ${http.count} nodes, graphite-web ${theirs.count}`);
      out.push(figure(`${at}: ${name} median, HTTP vs HTTP`, http.median * 1000, 'µs', { name: peerName, value: theirs.median * 1000 }));
    }
  } finally {
    await app?.close();
    await index.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
    await graphite.stop();
  }
  return out;
}

/** carbyne's app over the benchmark's data directory and index, on a loopback port. */
async function startCarbyne(dataDir: string, index: LmdbMetricIndex): Promise<CarbyneApp> {
  const config = validateConfig({
    dataDir,
    logLevel: 'warn',
    http: { listen: '127.0.0.1:0' },
    carbon: { listen: '127.0.0.1:0' },
    pickle: { listen: '127.0.0.1:0' },
    selfMetrics: { enabled: false },
  });
  return CarbyneApp.create({ config, logger: false, metricIndex: index });
}

/** Median latency (ms) of sequential GET /metrics/find?format=json requests, after two warm-ups. */
async function httpLatencies(base: string, query: string, rounds: number): Promise<{ median: number; count: number }> {
  const url = `${base}/metrics/find?format=json&query=${encodeURIComponent(query)}`;
  const samples: number[] = [];
  let count = 0;
  for (let i = 0; i < rounds + 2; i++) {
    const t = performance.now();
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${base} answered ${res.status} to ${query}`);
    count = ((await res.json()) as unknown[]).length;
    if (i >= 2) samples.push(performance.now() - t);
  }
  return { median: percentiles(samples).median, count };
}
