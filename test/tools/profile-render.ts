/**
 * A driver for profiling one render shape (the render benchmark's data, in-process, 8 s of
 * sequential requests); not a benchmark, it prints only the mean time per request:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/tools/profile-render.ts [count] [range] [hot|mixed|persisted] [sum] [cache]
 */
import { startRenderApp } from '../../bench/render-app.js';
import { RENDER_NOW, renderTarget, writeRenderSeries } from '../../bench/render-data.js';

const count = Number(process.argv[2] ?? 100);
const range = process.argv[3] ?? '1h';
const state = process.argv[4] ?? 'hot';
const sum = process.argv[5] === 'sum';
// the decoded chunk cache, off in the benchmark
const cache = process.argv[6] === 'cache' ? 256 * 1024 ** 2 : 0;
const app = await startRenderApp(RENDER_NOW, '10s:1d', { decodedChunkCacheBytes: cache });
writeRenderSeries(app.writer, count, RENDER_NOW - 86400, RENDER_NOW);
await app.waitForIndex(renderTarget(count), count);
if (state === 'mixed') await app.persistClosedWindows();
if (state === 'persisted') await app.persistAll();
await app.settle();
const target = sum ? `sumSeries(${renderTarget(count)})` : renderTarget(count);
const url = `${app.url}/render?target=${encodeURIComponent(target)}&from=-${range}&format=json&now=${RENDER_NOW}`;
const t0 = performance.now();
let n = 0;
while (performance.now() - t0 < 8000) {
  const res = await fetch(url);
  await res.arrayBuffer();
  n++;
}
console.log(`${n} requests, ${((performance.now() - t0) / n).toFixed(2)} ms each`);
await app.destroy();
