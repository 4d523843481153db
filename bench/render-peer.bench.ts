import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { assertJsonClose } from '../test/helpers/compare.js';
import { ORACLE_DIR, startOracle, type RunningOracle } from '../test/helpers/oracle.js';
import { WriteStatus } from '../src/engine/point-writer.js';
import { figure, percentiles, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { HttpTimer, type Timing, type TimingRequest } from './http-timing.js';
import { startRenderApp, type RenderApp, type StorageState } from './render-app.js';
import { RENDER_NOW } from './render-data.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
/** the oracle's bench data: bench.host01..20.cpu.user, 10s:1d, a noisy sine at 3 decimals */
const SPEC = join(ORACLE_DIR, 'bench_spec.json');

/** A graph of the 20 bench series over the day, at a dashboard's size (the legend hides itself past 10 series, as graphite-web's). */
const GRAPH = 'target=bench.*.cpu.user&from=-1d&width=800&height=400';

/** The requests timed on both: what Grafana panels, graphite-web's own bench.sh and embedded graphs send. */
const QUERIES: ReadonlyArray<{ label: string; query: string; gzip: boolean; json: boolean; image?: 'png' | 'svg' }> = [
  { label: 'HTTP json no gzip: 20 series x 1d', query: 'target=bench.*.cpu.user&from=-1d&format=json', gzip: false, json: true },
  { label: 'HTTP json gzip: 20 series x 1d', query: 'target=bench.*.cpu.user&from=-1d&format=json', gzip: true, json: true },
  { label: 'HTTP raw no gzip: 20 series x 1d', query: 'target=bench.*.cpu.user&from=-1d&format=raw', gzip: false, json: false },
  { label: 'HTTP json no gzip: 20 series x 1d, maxDataPoints=100', query: 'target=bench.*.cpu.user&from=-1d&format=json&maxDataPoints=100', gzip: false, json: true },
  { label: 'HTTP json no gzip: sumSeries over 20 series x 1d', query: `target=${encodeURIComponent('sumSeries(bench.*.cpu.user)')}&from=-1d&format=json`, gzip: false, json: true },
  { label: 'HTTP json no gzip: 20 series x 1h', query: 'target=bench.*.cpu.user&from=-1h&format=json', gzip: false, json: true },
  { label: 'HTTP json no gzip: 1 series x 1h', query: 'target=bench.host01.cpu.user&from=-1h&format=json', gzip: false, json: true },
  { label: 'HTTP png 800x400: 20 series x 1d', query: `${GRAPH}&format=png`, gzip: false, json: false, image: 'png' },
  { label: 'HTTP svg 800x400: 20 series x 1d', query: `${GRAPH}&format=svg`, gzip: false, json: false, image: 'svg' },
];

/** Whether both answered the same: json within the project's 1e-9 tolerance, other formats byte for byte. */
export function sameAnswer(ours: Timing, theirs: Timing, json: boolean): string | null {
  if (!json) return ours.body === theirs.body ? null : 'the bodies differ';
  try {
    assertJsonClose(JSON.parse(ours.body!), JSON.parse(theirs.body!));
    return null;
  } catch (err) {
    return (err as Error).message.split('\n')[0];
  }
}

/**
 * Whether carbyne's picture is the graph asked for (the pictures themselves differ from
 * graphite-web's in their bytes): a png of the size asked for with the lines drawn on it, an svg
 * whose metadata lists the 20 series and whose lines part strokes 20 paths.
 */
function imageProblem(ours: Timing, theirs: Timing, image: 'png' | 'svg'): string | null {
  const body = Buffer.from(ours.body!, 'latin1');
  const theirBody = Buffer.from(theirs.body!, 'latin1');
  if (image === 'png') {
    if (theirBody.subarray(1, 4).toString() !== 'PNG') return 'graphite-web did not answer a png';
    const png = PNG.sync.read(body);
    if (png.width !== 800 || png.height !== 400) return `a ${png.width}x${png.height} png`;
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) inked++;
    return inked > (800 * 400) / 20 ? null : `only ${inked} pixels drawn`;
  }
  if (!theirBody.toString().includes('<svg')) return 'graphite-web did not answer an svg';
  const svg = body.toString();
  const meta = /metadata = (.*)\n/.exec(svg);
  const series = meta ? (JSON.parse(meta[1]) as { series?: unknown[] }).series?.length : 0;
  const lines = svg.slice(svg.indexOf('<g class="lines">')).match(/<path d="M[^"]*"[^>]* stroke="/g)?.length ?? 0;
  return series === 20 && lines === 20 ? null : `${series} series in the metadata, ${lines} lines stroked`;
}

/** How many times each request is timed on one server and then the other. */
const TURNS = 4;

/**
 * Times `theirs` and `ours` in turns (theirs, ours, theirs, ours, ...), each turn after its own
 * untimed warm-up answer, and pools each side's samples: this machine's speed drifts by tens of
 * percent over seconds, and a drift between a second of one and a second of the other would
 * move the ratio by as much.
 */
async function inTurns(timer: HttpTimer, theirs: TimingRequest, ours: TimingRequest): Promise<[Timing, Timing]> {
  const pooled: Array<Timing | undefined> = [undefined, undefined];
  for (let t = 0; t < TURNS; t++) {
    const got = [await timer.time(theirs), await timer.time(ours)];
    got.forEach((g, side) => {
      const before = pooled[side];
      const samples = before === undefined ? g.samples : [...before.samples, ...g.samples];
      pooled[side] = { ...(before ?? g), samples, requests: (before?.requests ?? 0) + g.requests, ...percentiles(samples) };
    });
  }
  return [pooled[0]!, pooled[1]!];
}

/** The points make_whisper.py wrote into the whisper files, fed to carbyne through its engine. */
export function feed(app: RenderApp, plaintext: string): number {
  let n = 0;
  for (const line of plaintext.split('\n')) {
    if (line === '') continue;
    const [name, value, ts] = line.split(' ');
    if (app.writer.write(name, Number(value), Number(ts)) !== WriteStatus.Accepted) throw new Error(`carbyne did not accept ${line}`);
    if (++n % 1000 === 0) app.writer.commit();
  }
  app.writer.commit();
  return n;
}

/**
 * graphite-web 1.1.8 (the oracle, one gunicorn worker, whisper files in the page cache)
 * and carbyne over the same points: the oracle's bench_spec.json made into whisper files by
 * make_whisper.py at RENDER_NOW, and the same points (--emit-plaintext) written into carbyne.
 * Each request is timed on graphite-web and on carbyne, in turns, in each of carbyne's storage
 * states, by the same client over one kept-alive connection to each (gunicorn's threaded
 * worker, which keeps connections open, as carbyne does), in the same run, so ratio =
 * carbyne / graphite-web compares like with like under the same machine load. An answer that
 * differs from graphite-web's fails the benchmark. Without graphite-web here, no figures.
 */
export async function graphiteWebSideBySide(ctx: BenchContext, timer: HttpTimer): Promise<Figure[]> {
  if (!existsSync(PYTHON) || !existsSync(join(ORACLE_DIR, 'start.sh'))) {
    ctx.log(`graphite-web side by side skipped: no ${PYTHON} or no oracle at ${ORACLE_DIR}`);
    return [];
  }
  const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-render-peer-'));
  let oracle: RunningOracle | undefined;
  let app: RenderApp | undefined;
  try {
    const points = join(work, 'points.txt');
    await run(PYTHON, [join(ORACLE_DIR, 'make_whisper.py'), SPEC, join(work, 'whisper'), '--now', String(RENDER_NOW), '--emit-plaintext', points, '--quiet']);
    try {
      oracle = await startOracle({ dataDir: join(work, 'whisper'), keepAlive: true });
    } catch (err) {
      ctx.log(`graphite-web side by side skipped: ${(err as Error).message.split('\n')[0]}`);
      return [];
    }
    app = await startRenderApp(RENDER_NOW, '10s:1d');
    const n = feed(app, readFileSync(points, 'utf8'));
    await app.waitForIndex('bench.*.cpu.user', 20);
    ctx.log(`graphite-web on ${oracle.url}; carbyne fed the same ${n} points`);

    const figures: Figure[] = [];
    // a second of requests to each, in TURNS turns of a quarter second (see inTurns)
    const turn = { budgetMs: 1000 / TURNS, minRounds: 2, maxRounds: 10 };
    for (const state of ['hot', 'mixed', 'persisted'] satisfies StorageState[]) {
      if (state === 'mixed') await app.persistClosedWindows();
      if (state === 'persisted') await app.persistAll();
      await app.settle();
      for (const q of QUERIES) {
        const path = `/render?${q.query}&now=${RENDER_NOW}`;
        const [theirs, ours] = await inTurns(
          timer,
          { url: oracle.url + path, gzip: q.gzip, json: q.json, keepBody: true, variableLength: q.image === 'svg', ...turn },
          { url: app.url + path, gzip: q.gzip, json: q.json, keepBody: true, ...turn },
        );
        if (q.image) {
          const wrong = imageProblem(ours, theirs, q.image);
          if (wrong) throw new Error(`${q.label}: carbyne's ${q.image} is not the graph asked for: ${wrong}`);
        }
        const differs = q.image ? null : sameAnswer(ours, theirs, q.json);
        // a ratio over different answers compares nothing: the benchmark fails
        if (differs) throw new Error(`${q.label} (${state}): carbyne's answer is not graphite-web's: ${differs}`);
        if (q.gzip && !theirs.gzipped) ctx.log(`note: ${q.label}: graphite-web did not gzip`);
        const name = `vs graphite-web, ${state}, ${q.label}`;
        ctx.log(`${name}: carbyne ${ours.median.toFixed(1)} ms, graphite-web ${theirs.median.toFixed(1)} ms (${(ours.wireBytes / 1e6).toFixed(2)} / ${(theirs.wireBytes / 1e6).toFixed(2)} MB)`);
        figures.push(
          figure(`${name}, median`, ours.median, 'ms', { name: 'graphite-web 1.1.8', value: theirs.median }),
          figure(`${name}, p99`, ours.p99, 'ms', { name: 'graphite-web 1.1.8', value: theirs.p99 }),
        );
      }
    }
    return figures;
  } finally {
    await app?.destroy();
    await oracle?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** `npm run bench -- render-peer` runs it alone; skipped with --quick (graphite-web's answers take seconds). */
export const benchmark: Benchmark = {
  name: 'render-peer',
  async run(ctx) {
    if (ctx.quick) return [];
    const timer = new HttpTimer();
    try {
      return await graphiteWebSideBySide(ctx, timer);
    } finally {
      await timer.close();
    }
  },
};
