import Fastify, { type FastifyInstance } from 'fastify';
import { validateConfig } from '../src/config/load.js';
import { compression } from '../src/routes/server/compression.js';
import { figure, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { HttpTimer, type Timing } from './http-timing.js';
import { startRenderApp, type RenderApp, type RenderAppOptions } from './render-app.js';
import { RENDER_NOW, RENDER_STEP, renderTarget, writeRenderSeries } from './render-data.js';

/**
 * What the HTTP layer adds to /render, each choice measured against its alternative on equal
 * work in the same run, the variants taken in turns (each once per round, several rounds) so
 * that the load of a shared machine falls on all of them alike:
 *   gzip         the render answers' bytes served with gzip asked, by @fastify/compress (a
 *                stream through zlib) and by the one-call gzip the app keeps for /render
 *                (`config.gzipWhole`, which is the render route's own gzip from before
 *                @fastify/compress came in), both at http.compression's defaults, from one
 *                Fastify server; identity (no gzip asked) beside them;
 *   request log  the real app on the same data with its logger at warn (no request line) and
 *                at info (one line per request), both writing to /dev/null.
 * Data: 100 series x 1 d at 10 s (the render benchmark's --quick data), all hot. Every first
 * answer is checked (series, points, no null), and a gzip variant must answer gzipped.
 */
const SERIES = 100;

interface Shape {
  readonly label: string;
  readonly series: number;
  readonly seconds: number;
}

const SHAPES: readonly Shape[] = [
  { label: '1 series x 1h', series: 1, seconds: 3600 },
  { label: '100 series x 1h', series: 100, seconds: 3600 },
  { label: '100 series x 1d', series: 100, seconds: 86400 },
];

function renderQuery(s: Shape): string {
  return `target=${encodeURIComponent(renderTarget(s.series))}&from=-${s.seconds}s&format=json&now=${RENDER_NOW}`;
}

function check(what: string, s: Shape, t: Timing, gzip: boolean): void {
  const points = s.series * (s.seconds / RENDER_STEP);
  if (t.series !== s.series || t.points !== points || t.nulls !== 0) throw new Error(`${what}, ${s.label}: ${t.series} series, ${t.points} points, ${t.nulls} nulls; expected ${s.series}, ${points}, 0`);
  if (gzip !== t.gzipped) throw new Error(`${what}, ${s.label}: the answer was ${t.gzipped ? '' : 'not '}gzipped`);
}

interface Variant {
  readonly name: string;
  readonly gzip: boolean;
  readonly url: (s: Shape) => string;
}

interface Measured {
  /** the middle of the per-round median latencies, ms */
  readonly latency: number;
  /**
   * the middle of the per-round CPU time of this process (server, client thread, zlib's
   * threads) per request, ms: equal work but for the variant's difference, and far less
   * moved by other processes' load than latency
   */
  readonly cpu: number;
}

/** Each variant's figures per shape, measured in turns. */
async function inTurns(ctx: BenchContext, timer: HttpTimer, variants: readonly Variant[]): Promise<Map<string, Map<string, Measured>>> {
  const rounds = ctx.quick ? 3 : 7;
  const samples = new Map(variants.map((v) => [v.name, new Map(SHAPES.map((s) => [s.label, { latency: [] as number[], cpu: [] as number[] }]))]));
  for (let round = 0; round < rounds; round++) {
    for (const s of SHAPES) {
      for (const v of variants) {
        const c0 = process.cpuUsage();
        const t = await timer.time({ url: v.url(s), gzip: v.gzip, json: true, keepBody: false, budgetMs: ctx.quick ? 150 : 500, minRounds: 5, maxRounds: 300 });
        const c = process.cpuUsage(c0);
        if (round === 0) check(v.name, s, t, v.gzip);
        const into = samples.get(v.name)!.get(s.label)!;
        into.latency.push(t.median);
        into.cpu.push((c.user + c.system) / 1000 / t.requests);
      }
    }
  }
  ctx.log(`${variants.map((v) => v.name).join(' / ')}: ${rounds} rounds`);
  return new Map([...samples].map(([name, byShape]) => [name, new Map([...byShape].map(([shape, m]) => [shape, { latency: middle(m.latency), cpu: middle(m.cpu) }]))]));
}

function middle(list: number[]): number {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function loadedApp(options: RenderAppOptions): Promise<RenderApp> {
  const app = await startRenderApp(RENDER_NOW, '10s:1d', options);
  writeRenderSeries(app.writer, SERIES, RENDER_NOW - 86400, RENDER_NOW);
  await app.waitForIndex(renderTarget(SERIES), SERIES);
  return app;
}

/** A Fastify server answering each shape's render bytes, gzipped by @fastify/compress (`/stream`) or in one call (`/whole`). */
async function answerServer(answers: Map<string, Buffer>): Promise<{ url: string; close: () => Promise<void> }> {
  const { http } = validateConfig({});
  const server: FastifyInstance = Fastify();
  await server.register(compression, { threshold: http.compression.threshold, level: http.compression.level });
  const send = async (req: { query: unknown }, reply: { type: (t: string) => unknown; send: (b: Buffer) => unknown }) => {
    reply.type('application/json');
    return reply.send(answers.get((req.query as { shape: string }).shape)!);
  };
  server.get('/stream', send);
  server.get('/whole', { config: { gzipWhole: true } }, send);
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => server.close() };
}

async function gzipFigures(ctx: BenchContext, timer: HttpTimer): Promise<Figure[]> {
  const answers = new Map<string, Buffer>();
  const app = await loadedApp({});
  try {
    for (const s of SHAPES) answers.set(s.label, Buffer.from(await (await fetch(`${app.url}/render?${renderQuery(s)}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()));
  } finally {
    await app.destroy();
  }
  const server = await answerServer(answers);
  try {
    const at = (path: string) => (s: Shape) => `${server.url}/${path}?shape=${encodeURIComponent(s.label)}`;
    const r = await inTurns(ctx, timer, [
      { name: 'identity', gzip: false, url: at('stream') },
      { name: '@fastify/compress', gzip: true, url: at('stream') },
      { name: 'one-call gzip', gzip: true, url: at('whole') },
    ]);
    return SHAPES.flatMap((s) => {
      const get = (name: string) => r.get(name)!.get(s.label)!;
      const label = `render answer bytes ${(answers.get(s.label)!.length / 1e6).toFixed(2)} MB (${s.label})`;
      return [
        figure(`${label}, one-call gzip (the app's /render), median`, get('one-call gzip').latency, 'ms', { name: '@fastify/compress', value: get('@fastify/compress').latency }),
        figure(`${label}, one-call gzip (the app's /render), CPU per request`, get('one-call gzip').cpu, 'ms', { name: '@fastify/compress', value: get('@fastify/compress').cpu }),
        figure(`${label}, identity, median`, get('identity').latency, 'ms'),
      ];
    });
  } finally {
    await server.close();
  }
}

async function requestLogFigures(ctx: BenchContext, timer: HttpTimer): Promise<Figure[]> {
  const logger = (level: string) => ({ level, file: '/dev/null' });
  const apps = [await loadedApp({ logger: logger('warn') }), await loadedApp({ logger: logger('info') })];
  try {
    await apps[0].settle();
    const at = (app: RenderApp) => (s: Shape) => `${app.url}/render?${renderQuery(s)}`;
    const r = await inTurns(ctx, timer, [
      { name: 'off', gzip: false, url: at(apps[0]) },
      { name: 'on', gzip: false, url: at(apps[1]) },
    ]);
    const off = { name: 'request log off (logLevel warn)' };
    return SHAPES.flatMap((s) => {
      const [on, of] = [r.get('on')!.get(s.label)!, r.get('off')!.get(s.label)!];
      return [
        figure(`/render json, request log on (logLevel info): ${s.label}, median`, on.latency, 'ms', { ...off, value: of.latency }),
        figure(`/render json, request log on (logLevel info): ${s.label}, CPU per request`, on.cpu, 'ms', { ...off, value: of.cpu }),
      ];
    });
  } finally {
    for (const app of apps) await app.destroy();
  }
}

/**
 * The request log line alone: CPU per request of `GET /version` (the cheapest route, so the
 * line is most of the difference) through app.inject, without sockets, logger at info and at
 * warn, in turns.
 */
async function logLineFigure(ctx: BenchContext): Promise<Figure> {
  const apps = [await startRenderApp(RENDER_NOW, '10s:1d', { logger: { level: 'warn', file: '/dev/null' } }), await startRenderApp(RENDER_NOW, '10s:1d', { logger: { level: 'info', file: '/dev/null' } })];
  try {
    const n = ctx.quick ? 2000 : 10_000;
    const cpu: number[][] = [[], []];
    for (let round = 0; round < (ctx.quick ? 3 : 7); round++) {
      for (let i = 0; i < apps.length; i++) {
        const c0 = process.cpuUsage();
        for (let k = 0; k < n; k++) if ((await apps[i].http.inject({ method: 'GET', url: '/version?token=s3cret' })).statusCode !== 200) throw new Error('/version failed');
        const c = process.cpuUsage(c0);
        cpu[i].push((c.user + c.system) / n);
      }
    }
    return figure('GET /version through inject, request log on (logLevel info), CPU per request', middle(cpu[1]), 'µs', { name: 'request log off (logLevel warn)', value: middle(cpu[0]) });
  } finally {
    for (const app of apps) await app.destroy();
  }
}

export const benchmark: Benchmark = {
  name: 'render-http',
  async run(ctx) {
    const timer = new HttpTimer();
    try {
      return [...(await gzipFigures(ctx, timer)), ...(await requestLogFigures(ctx, timer)), await logLineFigure(ctx)];
    } finally {
      await timer.close();
    }
  },
};
