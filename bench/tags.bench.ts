/**
 * The tag index over HTTP, carbyne vs graphite-web 1.1.8 on the same tagged series, in the same
 * run with the same client: /tags/findSeries (the lookup seriesByTag makes), both autocompletes
 * with and without expressions, a prefix and a negative regex among them. Every answer is
 * compared with graphite-web's; one that differs fails the benchmark. Also: the tag index's
 * memory per series and its load time after a restart (from its snapshot, and rebuilt from the
 * stored names for comparison), each in a fresh child process.
 *
 * carbyne runs as `carbyne serve` over an index written beforehand. graphite-web's tag database
 * (SQLite) is filled through its own /tags/tagMultiSeries view in-process (bench/tags-register.py
 * says why not over HTTP) and kept in .bench/ for the next runs: a million series take about half
 * an hour to register on the shared machine. Without graphite-web only carbyne's figures are given.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LmdbMetricIndex } from '../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../src/lib/logger.js';
import { parseMetricName } from '../src/series/name.js';
import type { MetricName } from '../src/series/types.js';
import { openLmdbEnvironment } from '../src/stores/lmdb/environment.js';
import { startCarbyneServe } from './carbyne-serve.js';
import { figure, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { HttpTimer, type Timing } from './http-timing.js';
import { TAG_DATA_VERSION, taggedSeries } from './tags-data.js';

const ORACLE = resolve('../shared/tools/graphite-oracle');
const ORACLE_PORT = 8104;
const CARBYNE_PORT = 8105;
const run = promisify(execFile);

const F = '/tags/findSeries';
const T = '/tags/autoComplete/tags';
const V = '/tags/autoComplete/values';
const q = (path: string, ...pairs: Array<[string, string]>) => `${path}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

/** label, request: what Grafana's editor and seriesByTag ask, on hosts present at every size */
const REQUESTS: Array<[string, string]> = [
  ['seriesByTag name=, host= (1 series)', q(F, ['expr', 'name=metric7.value'], ['expr', 'host=host00123'])],
  ['seriesByTag name=, dc= (1 in 500)', q(F, ['expr', 'name=metric7.value'], ['expr', 'dc=dc3'])],
  ['seriesByTag host=~prefix (500 series)', q(F, ['expr', 'host=~host0012.*'])],
  ['seriesByTag name=, env!=~ (1 in 150)', q(F, ['expr', 'name=metric7.value'], ['expr', 'env!=~dev|staging'])],
  ['seriesByTag name=~ without prefix, dc=', q(F, ['expr', 'name=~.*7\\.value'], ['expr', 'dc=dc1'])],
  ['tags, no expression', T],
  ['tags, tagPrefix', q(T, ['tagPrefix', 'h'])],
  ['tags, expr dc= (1 in 10)', q(T, ['expr', 'dc=dc3'])],
  ['tags, expr name=, env!=~', q(T, ['expr', 'name=metric7.value'], ['expr', 'env!=~dev|staging'])],
  ['values of host, no expression', q(V, ['tag', 'host'])],
  ['values of host, valuePrefix', q(V, ['tag', 'host'], ['valuePrefix', 'host0012'])],
  ['values of host, expr dc=, valuePrefix', q(V, ['tag', 'host'], ['expr', 'dc=dc3'], ['valuePrefix', 'host001'])],
  ['values of host, expr env!=~ only', q(V, ['tag', 'host'], ['expr', 'env!=~dev|staging'])],
  ['values of name, expr dc=', q(V, ['tag', 'name'], ['expr', 'dc=dc3'])],
];

export const benchmark: Benchmark = {
  name: 'tags',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const count = ctx.quick ? 20_000 : 1_000_000;
    const names = taggedSeries(count);
    const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-tags-'));
    const timer = new HttpTimer();
    let carbyne: ChildProcess | undefined;
    let oracleState: string | null = null;
    try {
      ctx.log(`${count} tagged series`);
      const dataDir = join(work, 'carbyne');
      await writeIndex(dataDir, names);
      const figures: Figure[] = [];
      const opened = await child(dataDir, 'open');
      const rebuilt = await child(dataDir, 'names');
      const memory = await child(dataDir, 'memory');
      figures.push(
        figure('tag index memory per tagged series (heap + buffers, measured)', memory.bytes / count, 'B'),
        figure('load after restart: tag index from its snapshot', opened.tagMs / 1000, 's'),
        figure('load after restart: tree and tag index, process CPU', opened.cpu, 's'),
        figure('load without snapshot: tag index rebuilt from the stored names', rebuilt.ms / 1000, 's'),
      );
      carbyne = await startCarbyneServe(dataDir, CARBYNE_PORT, 120_000);
      oracleState = await startOracle(names, ctx);
      for (const [label, path] of REQUESTS) {
        const timing = { gzip: false, json: false, keepBody: true, budgetMs: ctx.quick ? 500 : 3000, minRounds: 3, maxRounds: ctx.quick ? 30 : 200 };
        const ours = await timer.time({ url: `http://127.0.0.1:${CARBYNE_PORT}${path}`, ...timing });
        if (oracleState === null) {
          figures.push(figure(`${label}, median`, ours.median, 'ms'));
          continue;
        }
        const theirs = await timer.time({ url: `http://127.0.0.1:${ORACLE_PORT}${path}`, ...timing, budgetMs: ctx.quick ? 2000 : 20_000, maxRounds: 30 });
        checkSame(label, ours, theirs);
        figures.push(figure(`${label}, median`, ours.median, 'ms', { name: 'graphite-web', value: theirs.median }));
      }
      return figures;
    } finally {
      await timer.close();
      if (carbyne?.pid !== undefined && carbyne.exitCode === null) {
        const exited = new Promise((r) => carbyne!.once('exit', r));
        carbyne.kill('SIGTERM');
        await exited;
      }
      if (oracleState !== null) await run(join(ORACLE, 'stop.sh'), [oracleState]).catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    }
  },
};

function checkSame(label: string, ours: Timing, theirs: Timing): void {
  if (ours.body !== theirs.body) throw new Error(`${label}: carbyne answered ${ours.body?.slice(0, 200)}, graphite-web ${theirs.body?.slice(0, 200)}`);
}

/** The index as carbyne finds it on disk after a restart (its snapshots written on close). */
async function writeIndex(dataDir: string, names: readonly string[]): Promise<void> {
  const env = openLmdbEnvironment(dataDir);
  const index = LmdbMetricIndex.open(env, { logger: silentLogger });
  for (let at = 0; at < names.length; at += 10_000) {
    const batch: MetricName[] = [];
    for (const name of names.slice(at, at + 10_000)) {
      const parsed = parseMetricName(name);
      if (!parsed.ok) throw new Error(parsed.reason);
      batch.push(parsed.metric);
    }
    await index.register(batch);
  }
  await index.close();
  await env.close();
}

async function child(dataDir: string, mode: 'open' | 'names' | 'memory'): Promise<{ ms: number; tagMs: number; cpu: number; bytes: number }> {
  const proc = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL('./tags-load-child.js', import.meta.url)), dataDir, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((r) => proc.on('exit', r));
  if (code !== 0) throw new Error(`tag load child (${mode}) exited with ${code}`);
  return JSON.parse(out) as { ms: number; tagMs: number; cpu: number; bytes: number };
}

/**
 * graphite-web on an empty whisper directory with a tag database holding `names`, built once per
 * size and data version under .bench/ and started again from there. Null when it cannot run.
 */
async function startOracle(names: readonly string[], ctx: BenchContext): Promise<string | null> {
  const state = resolve(`.bench/tags-graphite-${names.length}-v${TAG_DATA_VERSION}`);
  const whisper = join(state, 'whisper');
  try {
    mkdirSync(whisper, { recursive: true });
    await run(join(ORACLE, 'start.sh'), [whisper, String(ORACLE_PORT), state], { timeout: 300_000 });
  } catch (err) {
    ctx.log(`graphite-web not started, carbyne only: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
  const done = join(state, 'registered');
  if (!existsSync(done)) {
    ctx.log(`registering ${names.length} series in graphite-web's tag database (kept in ${state})`);
    const list = join(state, 'paths.txt');
    writeFileSync(list, names.join('\n'));
    const started = performance.now();
    await run('/usr/bin/python3', [resolve('bench/tags-register.py'), state, list], { timeout: 6 * 3600_000, maxBuffer: 1 << 24 });
    ctx.log(`registered in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    writeFileSync(done, `${names.length}\n`);
    rmSync(list);
  }
  return state;
}
