/**
 * Find: build, restart and query the metric index at 1 M and 10 M series (`--quick`: 100 k),
 * with the queries Grafana sends; and the same queries against graphite-web over a tree of
 * whisper files it can hold (20 k series; `--quick`: 2 k), as a ratio in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { LmdbMetricIndex } from '../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../src/lib/logger.js';
import type { MetricName } from '../src/series/types.js';
import { openLmdbEnvironment } from '../src/stores/lmdb/environment.js';
import { grafanaQueries, seriesPaths } from './find-data.js';
import { startGraphiteTree } from './find-oracle.js';
import { figure, percentiles, type Benchmark, type BenchContext, type Figure } from './harness.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

export const benchmark: Benchmark = {
  name: 'find',
  async run(ctx) {
    const figures: Figure[] = [];
    const sizes = ctx.quick ? [100_000] : [1_000_000, 10_000_000];
    for (const size of sizes) figures.push(...(await atScale(ctx, size)));
    figures.push(...(await againstGraphite(ctx, ctx.quick ? 2_000 : 20_000)));
    return figures;
  },
};

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

async function atScale(ctx: BenchContext, size: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-find-bench-'));
  const out: Figure[] = [];
  const at = label(size);
  try {
    const buildS = await build(dir, size);
    out.push(figure(`${at}: index build (register, persisted)`, size / buildS, 'series/s'));
    ctx.log(`${at}: built in ${buildS.toFixed(1)} s`);

    gc();
    const before = process.memoryUsage();
    const t1 = performance.now();
    const env = openLmdbEnvironment(dir);
    const index = LmdbMetricIndex.open(env, { logger: silentLogger });
    const loadS = (performance.now() - t1) / 1000;
    gc();
    const after = process.memoryUsage();
    out.push(figure(`${at}: load after restart`, loadS, 's'));
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

/** Registers a tree of `size` series in a fresh index in `dir`; seconds taken. */
async function build(dir: string, size: number): Promise<number> {
  const env = openLmdbEnvironment(dir);
  const index = LmdbMetricIndex.open(env, { logger: silentLogger });
  const t0 = performance.now();
  for (const batch of seriesPaths(size)) await index.register(batch.map((name): MetricName => ({ name, tags: NO_TAGS })));
  const seconds = (performance.now() - t0) / 1000;
  await index.close();
  await env.close();
  return seconds;
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
  try {
    for (const batch of seriesPaths(size)) await index.register(batch.map((name): MetricName => ({ name, tags: NO_TAGS })));
    for (const { name, query } of grafanaQueries(size)) {
      const mine = measure(() => index.findNodes(query).length, 200);
      const rounds = ctx.quick ? 10 : 30;
      const theirs: number[] = [];
      let theirCount = 0;
      for (let i = 0; i < rounds + 2; i++) {
        const t = performance.now();
        theirCount = await graphite.find(query);
        if (i >= 2) theirs.push(performance.now() - t);
      }
      if (theirCount !== mine.count) ctx.log(`${name}: graphite-web found ${theirCount} nodes, carbyne ${mine.count}`);
      const peer = percentiles(theirs);
      out.push(
        figure(`${at}: ${name} median, in-process vs graphite-web HTTP`, mine.median * 1000, 'µs', {
          name: 'graphite-web 1.1.8 HTTP find (format=json)',
          value: peer.median * 1000,
        }),
      );
    }
  } finally {
    await index.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
    await graphite.stop();
  }
  return out;
}
