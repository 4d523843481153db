import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarbyneApp } from '../src/app.js';
import { validateConfig } from '../src/config/load.js';
import { ManualClock } from '../src/lib/clock.js';
import type { RenderFunction } from '../src/render/function-types.js';
import type { MetricIndex } from '../src/finders/metric-index.js';
import type { SeriesReader } from '../src/readers/series-reader.js';
import { figure, percentiles, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { PointSeries, SyntheticSeries } from './render-data.js';

/**
 * /render end to end over HTTP (keep-alive, sequential requests): 1, 100 and 1000 series over
 * 1 h, 1 d and 7 d at 10 s, with and without maxDataPoints, with and without gzip; sumSeries
 * over 1000 series when the render functions are there. Series come from a synthetic source
 * (values computed per read), so the figures are the render path's; reads from the hot cache
 * and the store are the storage benchmarks' subject. Outside --quick, graphite-web runs beside
 * on the oracle's bench data (20 series x 1 d at 10 s) and the same requests are timed on both.
 */
const NOW = 1795316580;
const ORACLE = '../shared/tools/graphite-oracle';
const ORACLE_PORT = 8104;

async function app(store: MetricIndex & SeriesReader, functions: readonly RenderFunction[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-bench-render-'));
  const config = validateConfig({
    dataDir,
    logLevel: 'warn',
    http: { listen: '127.0.0.1:0' },
    carbon: { enabled: false },
    pickle: { enabled: false },
    selfMetrics: { enabled: false },
    limits: { render: { maxSeries: 100_000, maxPoints: 200_000_000, timeoutMs: 600_000 } },
  });
  const a = await CarbyneApp.create({ config, clock: new ManualClock(NOW * 1000), logger: false, metricIndex: store, seriesReader: store, renderFunctions: functions });
  const { http } = await a.listen();
  return { url: http, close: async () => { await a.close(); rmSync(dataDir, { recursive: true, force: true }); } };
}

/** The render functions, once the functions part is merged; none before. */
async function renderFunctions(): Promise<RenderFunction[]> {
  const path = '../src/render/functions/index.js';
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const list = Object.values(mod).find((v) => Array.isArray(v)) as RenderFunction[] | undefined;
    return list ?? [];
  } catch {
    return [];
  }
}

interface Timing { median: number; p99: number; bytes: number; points: number }

async function time(base: string, query: string, rounds: number, gzip = false): Promise<Timing> {
  const headers = { 'accept-encoding': gzip ? 'gzip' : 'identity' };
  const samples: number[] = [];
  let bytes = 0;
  let points = 0;
  for (let r = 0; r < rounds + 1; r++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/render?${query}`, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${body.toString().slice(0, 200)}`);
    if (r === 0) {
      bytes = Number(res.headers.get('content-length') ?? body.length);
      if (!gzip) points = (body.toString('latin1').match(/\], \[|\]\]/g) ?? []).length;
      continue;
    }
    samples.push(ms);
  }
  return { ...percentiles(samples), bytes, points };
}

async function carbyneFigures(ctx: BenchContext, functions: readonly RenderFunction[]): Promise<Figure[]> {
  const store = new SyntheticSeries(1000);
  const server = await app(store, functions);
  const figures: Figure[] = [];
  try {
    const targets: Record<number, string> = { 1: 'bench.host0000.cpu.user', 100: 'bench.host00*.cpu.user', 1000: 'bench.host0*.cpu.user' };
    for (const count of [1, 100, 1000]) {
      for (const range of ['1h', '1d', '7d']) {
        for (const mdp of [undefined, 1000]) {
          const points = count * { '1h': 360, '1d': 8640, '7d': 60480 }[range]!;
          // a 1000 x 7 d answer without maxDataPoints is 1.4 GB of JSON: nobody asks for it
          if (mdp === undefined && points > 10_000_000) continue;
          if (ctx.quick && (range === '7d' || points > 1_000_000)) continue;
          const rounds = ctx.quick ? 3 : points > 1_000_000 ? 5 : points > 100_000 ? 10 : 30;
          const q = `target=${encodeURIComponent(targets[count])}&from=-${range}&format=json${mdp ? `&maxDataPoints=${mdp}` : ''}&now=${NOW}`;
          const label = `${count} series x ${range}${mdp ? ', maxDataPoints 1000' : ''}`;
          const t = await time(server.url, q, rounds);
          ctx.log(`${label}: ${(t.bytes / 1e6).toFixed(2)} MB, ${t.points} points`);
          figures.push(figure(`${label}: median`, t.median, 'ms'), figure(`${label}: p99`, t.p99, 'ms'), figure(`${label}: throughput`, (points / t.median) * 1000 / 1e6, 'M points/s'));
          if (!mdp && range === '1d' && count >= 100) {
            const z = await time(server.url, q, rounds, true);
            figures.push(figure(`${label}, gzip: median`, z.median, 'ms'), figure(`${label}, gzip: bytes`, z.bytes / 1e6, 'MB'));
          }
        }
      }
    }
    if (functions.some((f) => f.name === 'sumSeries')) {
      const t = await time(server.url, `target=${encodeURIComponent('sumSeries(bench.host0*.cpu.user)')}&from=-1h&format=json&now=${NOW}`, ctx.quick ? 3 : 20);
      figures.push(figure('sumSeries over 1000 series x 1h: median', t.median, 'ms'), figure('sumSeries over 1000 series x 1h: p99', t.p99, 'ms'));
    } else ctx.log('sumSeries: the render functions are not merged yet, skipped');
  } finally {
    await server.close();
  }
  return figures;
}

/** graphite-web and carbyne over the oracle's bench data, the same requests timed in the same run. */
export async function peerFigures(ctx: BenchContext, functions: readonly RenderFunction[]): Promise<Figure[]> {
  if (!existsSync('/usr/bin/gunicorn') || !existsSync(`${ORACLE}/start.sh`)) {
    ctx.log('graphite-web is not installed: no side-by-side figures');
    return [];
  }
  const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-oracle-'));
  const data = join(work, 'data');
  const emitted = join(work, 'points.json');
  execFileSync('/usr/bin/python3', [`${ORACLE}/make_whisper.py`, `${ORACLE}/bench_spec.json`, data, '--now', String(NOW), '--emit-json', emitted, '--quiet'], { stdio: 'ignore' });
  const pid = execFileSync(`${ORACLE}/start.sh`, [data, String(ORACLE_PORT), join(work, 'state')], { encoding: 'utf8' }).trim().split('\n').pop();
  ctx.log(`graphite-web started (pid ${pid}) on ${ORACLE_PORT}`);
  const server = await app(new PointSeries(JSON.parse(readFileSync(emitted, 'utf8'))), functions);
  const figures: Figure[] = [];
  try {
    const oracle = `http://127.0.0.1:${ORACLE_PORT}`;
    const queries: Array<[string, string]> = [
      ['20 series x 1d json', `target=bench.*.cpu.user&from=-1d&format=json&now=${NOW}`],
      ['20 series x 1d raw', `target=bench.*.cpu.user&from=-1d&format=raw&now=${NOW}`],
      ['20 series x 1d maxDataPoints 100', `target=bench.*.cpu.user&from=-1d&format=json&maxDataPoints=100&now=${NOW}`],
      ['1 series x 1h json', `target=bench.host01.cpu.user&from=-1h&format=json&now=${NOW}`],
    ];
    if (functions.some((f) => f.name === 'sumSeries')) queries.push(['sumSeries(20) x 1d json', `target=${encodeURIComponent('sumSeries(bench.*.cpu.user)')}&from=-1d&format=json&now=${NOW}`]);
    for (const [label, q] of queries) {
      const theirs = await time(oracle, q, 15);
      const ours = await time(server.url, q, 15);
      figures.push(figure(`vs graphite-web, ${label}: median`, ours.median, 'ms', { name: 'graphite-web', value: theirs.median }));
      figures.push(figure(`vs graphite-web, ${label}: p99`, ours.p99, 'ms', { name: 'graphite-web', value: theirs.p99 }));
    }
  } finally {
    await server.close();
    execFileSync(`${ORACLE}/stop.sh`, [join(work, 'state')], { stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}

export const benchmark: Benchmark = {
  name: 'render',
  async run(ctx) {
    const functions = await renderFunctions();
    const figures = await carbyneFigures(ctx, functions);
    if (!ctx.quick) figures.push(...(await peerFigures(ctx, functions)));
    return figures;
  },
};
