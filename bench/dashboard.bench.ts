import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ORACLE_DIR, startOracle, type RunningOracle } from '../test/helpers/oracle.js';
import { figure, type Benchmark, type Figure } from './harness.js';
import { HttpTimer } from './http-timing.js';
import { startRenderApp, type RenderApp } from './render-app.js';
import { RENDER_NOW } from './render-data.js';
import { feed, sameAnswer } from './render-peer.bench.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const METRICS = ['user', 'system', 'idle', 'iowait', 'bytes'] as const;

/** The dashboard's data: `hosts` hosts x 5 metrics at 10 s over a day, made by the oracle's make_whisper.py. */
function spec(hosts: number): object {
  const names = Array.from({ length: hosts }, (_, i) => String(i).padStart(3, '0')).join(',');
  const generators: Record<(typeof METRICS)[number], object> = {
    user: { type: 'sine', amplitude: 40, offset: 50, period: '1h', noise: 5, seed: 11 },
    system: { type: 'sine', amplitude: 10, offset: 20, period: '6h', noise: 2, seed: 12 },
    idle: { type: 'random', min: 0, max: 100, seed: 13 },
    iowait: { type: 'random', min: 0, max: 5, integer: true, null_probability: 0.02, seed: 14 },
    bytes: { type: 'ramp', start: 0, increment: 4096 },
  };
  return {
    defaults: { retention: '10s:1d', aggregation: 'average', xff: 0.0, round: 3 },
    metrics: METRICS.map((m) => ({ path: `dash.host{${names}}.cpu.${m}`, generator: generators[m] })),
  };
}

/**
 * One graph panel each, as a Grafana dashboard of mixed functions sends them: combiners over
 * every host, windows, rankings, filters, aliases, a counter's rate, a time shift.
 */
const TARGETS: readonly string[] = [
  'sumSeries(dash.*.cpu.user)',
  'averageSeries(dash.*.cpu.system)',
  'movingAverage(dash.host00*.cpu.user,10)',
  'aliasByNode(highestAverage(dash.*.cpu.user,5),1)',
  'asPercent(dash.host001.cpu.user,sumSeries(dash.host001.cpu.{user,system,idle}))',
  'scale(perSecond(dash.host01*.cpu.bytes),0.125)',
  'groupByNode(dash.*.cpu.{user,system},2,"sumSeries")',
  'summarize(dash.host0*.cpu.user,"1h","avg")',
  'percentileOfSeries(dash.*.cpu.idle,95)',
  'stddevSeries(dash.*.cpu.system)',
  'exponentialMovingAverage(dash.host002.cpu.user,20)',
  'nonNegativeDerivative(dash.host00*.cpu.bytes)',
  'alias(maxSeries(dash.*.cpu.user),"max user")',
  'limit(sortByMaxima(dash.*.cpu.system),10)',
  'timeShift(sumSeries(dash.*.cpu.user),"1h")',
  'keepLastValue(dash.host00*.cpu.iowait)',
  'removeBelowValue(dash.host01*.cpu.user,50)',
  'mostDeviant(dash.*.cpu.user,5)',
  'aliasSub(dash.host03*.cpu.user,"host(\\d+)","h\\1")',
  'smartSummarize(dash.host04*.cpu.system,"30min","max")',
];

/**
 * A dashboard of 20 targets of mixed functions over 500 series (100 with --quick), rendered by
 * graphite-web 1.1.8 (the oracle over whisper files) and by carbyne (the same points written
 * through its engine, read hot and then persisted), one json request with every target, over
 * one kept-alive connection to each, in the same run. carbyne's answer must be graphite-web's
 * (1e-9 relative): otherwise the benchmark fails.
 */
export const benchmark: Benchmark = {
  name: 'dashboard',
  async run(ctx) {
    if (!existsSync(PYTHON) || !existsSync(join(ORACLE_DIR, 'start.sh'))) {
      ctx.log(`dashboard skipped: no ${PYTHON} or no oracle at ${ORACLE_DIR}`);
      return [];
    }
    const hosts = ctx.quick ? 20 : 100;
    const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-dashboard-'));
    const timer = new HttpTimer();
    let oracle: RunningOracle | undefined;
    let app: RenderApp | undefined;
    try {
      const specFile = join(work, 'spec.json');
      writeFileSync(specFile, JSON.stringify(spec(hosts)));
      const points = join(work, 'points.txt');
      await run(PYTHON, [join(ORACLE_DIR, 'make_whisper.py'), specFile, join(work, 'whisper'), '--now', String(RENDER_NOW), '--emit-plaintext', points, '--quiet'], { maxBuffer: 1 << 26 });
      oracle = await startOracle({ dataDir: join(work, 'whisper'), keepAlive: true });
      app = await startRenderApp(RENDER_NOW, '10s:1d');
      const n = feed(app, readFileSync(points, 'utf8'));
      await app.waitForIndex('dash.*.cpu.*', hosts * METRICS.length);
      ctx.log(`${hosts * METRICS.length} series, ${n} points in both; ${TARGETS.length} targets`);
      const query = `/render?${TARGETS.map((t) => `target=${encodeURIComponent(t)}`).join('&')}&from=-1d&format=json&now=${RENDER_NOW}`;
      const rounds = ctx.quick ? { budgetMs: 500, minRounds: 3, maxRounds: 10 } : { budgetMs: 3000, minRounds: 5, maxRounds: 40 };
      const figures: Figure[] = [];
      for (const state of ['hot', 'persisted'] as const) {
        if (state === 'persisted') await app.persistAll();
        await app.settle();
        const theirs = await timer.time({ url: oracle.url + query, gzip: false, json: true, keepBody: true, ...rounds });
        const ours = await timer.time({ url: app.url + query, gzip: false, json: true, keepBody: true, ...rounds });
        const differs = sameAnswer(ours, theirs, true);
        if (differs) throw new Error(`dashboard (${state}): carbyne's answer is not graphite-web's: ${differs}`);
        const name = `vs graphite-web, ${state}, dashboard of ${TARGETS.length} targets over ${hosts * METRICS.length} series x 1d, json`;
        ctx.log(`${name}: carbyne ${ours.median.toFixed(1)} ms, graphite-web ${theirs.median.toFixed(1)} ms, ${ours.series} series answered`);
        figures.push(figure(`${name}, median`, ours.median, 'ms', { name: 'graphite-web 1.1.8', value: theirs.median }), figure(`${name}, p99`, ours.p99, 'ms', { name: 'graphite-web 1.1.8', value: theirs.p99 }));
      }
      return figures;
    } finally {
      await timer.close();
      await app?.destroy();
      await oracle?.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
