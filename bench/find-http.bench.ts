/**
 * HTTP find latency through the real route, carbyne vs graphite-web 1.1.8 on the same tree,
 * measured in the same run: sequential requests over one keep-alive connection (gunicorn's
 * sync workers close theirs), median and p99 per Grafana-style query.
 *
 * carbyne runs as its own process (`carbyne serve`) over an index written beforehand, as after
 * a restart; graphite-web runs over whisper files made by the oracle's make_whisper.py, on
 * 127.0.0.1:8102. Without graphite-web installed only carbyne's figures are given.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LmdbMetricIndex } from '../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../src/lib/logger.js';
import { openLmdbEnvironment } from '../src/stores/lmdb/environment.js';
import { startCarbyneServe } from './carbyne-serve.js';
import { figure, percentiles, type Benchmark, type BenchContext, type Figure } from './harness.js';

const ORACLE = resolve('../shared/tools/graphite-oracle');
const ORACLE_PORT = 8102;
const CARBYNE_PORT = 8103;
const run = promisify(execFile);

const range = (n: number, width: number, prefix: string) => Array.from({ length: n }, (_, i) => prefix + String(i + 1).padStart(width, '0'));

/** dc.rack.host.subsystem.metric, plus a level of 400 leaves */
function tree(quick: boolean) {
  const levels = [range(quick ? 1 : 4, 1, 'dc'), range(quick ? 4 : 10, 2, 'rack'), range(20, 3, 'host'), ['cpu', 'mem', 'disk', 'net'], range(5, 1, 'm')];
  const wide = range(400, 3, 'm');
  const names: string[] = [];
  const walk = (prefix: string, depth: number) => {
    for (const segment of levels[depth]) {
      const path = prefix === '' ? segment : `${prefix}.${segment}`;
      if (depth === levels.length - 1) names.push(path);
      else walk(path, depth + 1);
    }
  };
  walk('', 0);
  for (const m of wide) names.push(`big.${m}`);
  const spec = {
    defaults: { retention: '60s:1h', aggregation: 'average', xff: 0 },
    metrics: [
      { path: levels.map((l) => `{${l.join(',')}}`).join('.'), points: [[-60, 1]] },
      { path: `big.{${wide.join(',')}}`, points: [[-60, 1]] },
    ],
  };
  return { names, spec };
}

/** The queries Grafana's editor and variables send, and a find of 400 leaves. */
const QUERIES: Array<[label: string, query: string]> = [
  ['*', '*'],
  ['a.*', 'dc1.*'],
  ['a.b.*', 'dc1.rack01.*'],
  ['a.*.c.*', 'dc1.*.host001.*'],
  ['a.b.*xyz*', 'dc1.rack01.*01*'],
  ['brace list', 'dc1.rack0{1,2,3}.host00{1,2}.cpu.*'],
  ['400 leaves', 'big.*'],
];

export const benchmark: Benchmark = {
  name: 'find-http',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-find-'));
    const { names, spec } = tree(ctx.quick);
    const rounds = ctx.quick ? 25 : 300;
    let carbyne: ChildProcess | undefined;
    let oracleUp = false;
    try {
      ctx.log(`${names.length} series`);
      await writeIndex(join(work, 'carbyne'), names);
      carbyne = await startCarbyneServe(join(work, 'carbyne'), CARBYNE_PORT, 60_000);
      oracleUp = await startOracle(work, spec, ctx);

      const figures: Figure[] = [];
      for (const [label, query] of QUERIES) {
        const path = `/metrics/find?query=${encodeURIComponent(query)}`;
        const ours = await measure(CARBYNE_PORT, path, rounds);
        if (!oracleUp) {
          figures.push(figure(`${label} median`, ours.median, 'ms'), figure(`${label} p99`, ours.p99, 'ms'));
          continue;
        }
        const theirs = await measure(ORACLE_PORT, path, rounds);
        if (ours.body !== theirs.body) ctx.log(`WARNING: ${query}: carbyne's answer differs from graphite-web's`);
        figures.push(
          figure(`${label} median`, ours.median, 'ms', { name: 'graphite-web', value: theirs.median }),
          figure(`${label} p99`, ours.p99, 'ms', { name: 'graphite-web', value: theirs.p99 }),
        );
      }
      return figures;
    } finally {
      if (carbyne?.pid !== undefined && carbyne.exitCode === null) {
        const exited = new Promise((r) => carbyne!.once('exit', r));
        carbyne.kill('SIGTERM');
        await exited;
      }
      if (oracleUp) await run(join(ORACLE, 'stop.sh'), [join(work, 'oracle-state')]).catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    }
  },
};

/** The index as carbyne finds it on disk after a restart. */
async function writeIndex(dataDir: string, names: string[]): Promise<void> {
  const env = openLmdbEnvironment(dataDir);
  const index = LmdbMetricIndex.open(env, { logger: silentLogger });
  await index.register(names.map((name) => ({ name, tags: {} })));
  await index.close();
  await env.close();
}

async function startOracle(work: string, spec: object, ctx: BenchContext): Promise<boolean> {
  try {
    writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
    await run('/usr/bin/python3', [join(ORACLE, 'make_whisper.py'), join(work, 'spec.json'), join(work, 'whisper'), '--quiet']);
    await run(join(ORACLE, 'start.sh'), [join(work, 'whisper'), String(ORACLE_PORT), join(work, 'oracle-state')], { timeout: 300_000 });
    return true;
  } catch (err) {
    ctx.log(`graphite-web not started, carbyne only: ${(err as Error).message.split('\n')[0]}`);
    return false;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(port: number, path: string): Promise<string> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (d: Buffer) => chunks.push(d));
      r.on('end', () => (r.statusCode === 200 ? res(Buffer.concat(chunks).toString('utf8')) : rej(new Error(`${path}: ${r.statusCode}`))));
      r.on('error', rej);
    });
    req.on('error', rej);
    req.end();
  });
}

async function measure(port: number, path: string, rounds: number): Promise<{ median: number; p99: number; body: string }> {
  let body = '';
  for (let i = 0; i < Math.max(5, rounds / 10); i++) body = await get(port, path);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    await get(port, path);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ...percentiles(samples), body };
}
