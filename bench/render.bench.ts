import { cpuSeconds, figure, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { HttpTimer, type Timing } from './http-timing.js';
import { startRenderApp, type RenderApp, type StorageState } from './render-app.js';
import { RENDER_NOW, RENDER_STEP, renderTarget, writeRenderSeries } from './render-data.js';

/**
 * /render end to end: the real app (LMDB store and index, write-ahead log, storage engine,
 * Fastify) in this process, data ingested through the engine's PointWriter, answers timed over
 * HTTP (one keep-alive connection, sequential requests, the client in a worker thread) in
 * three storage states, one after the other on the same data:
 *   hot        nothing flushed yet: every read is served by the in-memory chunks;
 *   mixed      what the flush timer of a running server leaves: closed windows in LMDB, the
 *              current 2 h window hot (NOW is 30 min into it, so a 1 h read is half and half);
 *   persisted  everything flushed (as after a shutdown), the hot cache empty: every read
 *              decodes chunks from LMDB (the OS page cache is warm).
 * Shapes: 1, 100 and 1000 series over 1 h, 1 d and 7 d at 10 s, with and without
 * maxDataPoints; sumSeries over all series; 400 series x 1 h and sumSeries over 200 (the shapes
 * others publish figures for); json
 * without gzip in every state, and with gzip in the mixed state for the plain answers (the large
 * ones). Latency is request sent to last byte received; throughput is the stored points a
 * request covers per second of its median latency. Every first answer is checked:
 * its series and points counted, and no null (the data has no gaps), so a figure can never
 * come from an empty or partial answer. Before each state's figures the process is
 * garbage-collected and left to go quiet, so they do not pay for the flush that made the state.
 * graphite-web side by side is its own benchmark (render-peer.bench.ts), so it can be run alone.
 * --quick: 100 series over 1 d, fewer rounds.
 */
const RANGES = { '1h': 3600, '1d': 86400, '7d': 7 * 86400 } as const;
type Range = keyof typeof RANGES;
const MAX_DATA_POINTS = 1000;
/** Answers beyond this many points are not asked for without maxDataPoints (1000 series x 7 d would be 1.4 GB of JSON). */
const MAX_ANSWER_POINTS = 10_000_000;

interface Shape {
  readonly series: number;
  readonly range: Range;
  readonly maxDataPoints?: number;
  readonly sum?: boolean;
}

interface Plan {
  readonly series: number;
  readonly days: number;
  readonly retentions: string;
  readonly shapes: Shape[];
  readonly rounds: { budgetMs: number; minRounds: number; maxRounds: number };
}

function plan(quick: boolean): Plan {
  const counts = quick ? [1, 100] : [1, 100, 1000];
  const ranges: Range[] = quick ? ['1h', '1d'] : ['1h', '1d', '7d'];
  const shapes: Shape[] = [];
  for (const series of counts) {
    for (const range of ranges) {
      if (series * (RANGES[range] / RENDER_STEP) <= MAX_ANSWER_POINTS) shapes.push({ series, range });
      shapes.push({ series, range, maxDataPoints: MAX_DATA_POINTS });
    }
  }
  const all = counts[counts.length - 1];
  shapes.push({ series: all, range: '1h', sum: true }, { series: all, range: '1d', sum: true });
  // the shapes other servers publish figures for (issue 4): 400 series x 360 points, sumSeries over 200 series
  if (!quick) shapes.push({ series: 400, range: '1h' }, { series: 200, range: '1h', sum: true });
  return {
    series: all,
    days: quick ? 1 : 7,
    retentions: quick ? '10s:1d' : '10s:7d',
    shapes,
    rounds: quick ? { budgetMs: 100, minRounds: 3, maxRounds: 10 } : { budgetMs: 1500, minRounds: 3, maxRounds: 100 },
  };
}

function shapeLabel(s: Shape): string {
  const what = s.sum ? `sumSeries over ${s.series} series` : `${s.series} series`;
  return `${what} x ${s.range}${s.maxDataPoints ? `, maxDataPoints=${s.maxDataPoints}` : ''}`;
}

function query(s: Shape): string {
  const target = s.sum ? `sumSeries(${renderTarget(s.series)})` : renderTarget(s.series);
  return `target=${encodeURIComponent(target)}&from=-${s.range}&format=json&now=${RENDER_NOW}${s.maxDataPoints ? `&maxDataPoints=${s.maxDataPoints}` : ''}`;
}

/** The answer holds what the shape asks for, every point present. */
function check(s: Shape, t: Timing): void {
  const perSeries = RANGES[s.range] / RENDER_STEP;
  const series = s.sum ? 1 : s.series;
  const most = series * Math.min(perSeries, s.maxDataPoints ?? Infinity);
  const ok = t.series === series && (s.maxDataPoints ? t.points! > 0 && t.points! <= most : t.points === most) && t.nulls === 0;
  if (!ok) throw new Error(`${shapeLabel(s)}: the answer has ${t.series} series, ${t.points} points, ${t.nulls} nulls; expected ${series} series, ${s.maxDataPoints ? 'at most ' : ''}${most} points, no null`);
}

async function measureState(ctx: BenchContext, app: RenderApp, timer: HttpTimer, p: Plan, state: StorageState): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const s of p.shapes) {
    // gzip matters for large answers; a running server's reads are mixed
    const gzipToo = state === 'mixed' && !s.sum && !s.maxDataPoints;
    for (const gzip of gzipToo ? [false, true] : [false]) {
      const t = await timer.time({ url: `${app.url}/render?${query(s)}`, gzip, json: true, keepBody: false, ...p.rounds });
      check(s, t);
      const name = `${state}, HTTP json ${gzip ? 'gzip' : 'no gzip'}: ${shapeLabel(s)}`;
      ctx.log(`${name}: ${(t.wireBytes / 1e6).toFixed(2)} MB on the wire, ${t.points} points, median ${t.median.toFixed(1)} ms of ${t.samples.length}`);
      figures.push(figure(`${name}, median`, t.median, 'ms'), figure(`${name}, p99`, t.p99, 'ms'));
      if (gzip) figures.push(figure(`${name}, bytes on the wire`, t.wireBytes / 1e6, 'MB'));
      else figures.push(figure(`${name}, stored points read per second at the median`, (s.series * (RANGES[s.range] / RENDER_STEP)) / t.median / 1000, 'M points/s'));
    }
  }
  return figures;
}

async function carbyneFigures(ctx: BenchContext, timer: HttpTimer): Promise<Figure[]> {
  const p = plan(ctx.quick);
  const app = await startRenderApp(RENDER_NOW, p.retentions);
  try {
    const ingest = await cpuSeconds(() => writeRenderSeries(app.writer, p.series, RENDER_NOW - p.days * 86400, RENDER_NOW));
    // every glob matches exactly the series its shape names
    for (const s of p.shapes) await app.waitForIndex(renderTarget(s.series), s.series);
    ctx.log(`ingested ${p.series} series x ${p.days} d: ${ingest.result} points in ${ingest.cpu.toFixed(1)} CPU-s (${ingest.wall.toFixed(1)} s), ${(app.hotBytes() / 1e6).toFixed(0)} MB hot`);
    const figures: Figure[] = [];
    for (const state of ['hot', 'mixed', 'persisted'] as const) {
      if (state !== 'hot') {
        const f = await cpuSeconds(() => (state === 'mixed' ? app.persistClosedWindows() : app.persistAll()));
        ctx.log(`${state}: flushed ${f.result.chunks} chunks in ${f.cpu.toFixed(1)} CPU-s, ${(app.hotBytes() / 1e6).toFixed(1)} MB still hot`);
      }
      if (state === 'mixed' && app.hotBytes() === 0) throw new Error('nothing is hot after flushing the closed windows');
      if (state === 'persisted' && app.hotBytes() !== 0) throw new Error('hot chunks remain after flushing everything');
      await app.settle();
      figures.push(...(await measureState(ctx, app, timer, p, state)));
      if (state === 'hot' && app.flushRounds() !== 0) throw new Error('the engine flushed on its own: the hot figures were not all hot');
    }
    return figures;
  } finally {
    await app.destroy();
  }
}

export const benchmark: Benchmark = {
  name: 'render',
  async run(ctx) {
    const timer = new HttpTimer();
    try {
      return await carbyneFigures(ctx, timer);
    } finally {
      await timer.close();
    }
  },
};
