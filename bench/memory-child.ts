// Run by memory.bench.ts with --expose-gc: resident memory of the engine per active series.
// argv: series, points per series. Prints one JSON line.
import { BENCH_NOW, benchStorage, metricNames } from './engine-fixture.js';

const series = Number(process.argv[2]);
const points = Number(process.argv[3]);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const names = metricNames(series);
const st = await benchStorage();
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    gc();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
};
const before = await settle();
for (let k = 0; k < points; k++) {
  for (let i = 0; i < series; i++) st.svc.engine.write(names[i], 100 + ((i * 31 + k * 17) % 1000) / 100, BENCH_NOW - (points - k) * 10);
  st.svc.engine.commit();
  // as a server between socket reads: the registry write of the new series completes (a flush
  // round waits for it); otherwise every batch would repeat the definitions and fill the log
  // until its budget flushes every chunk early
  if (k === 0) await st.svc.engine.flush();
}
// the registry write of the new series completes in the background: let it, as a server would
const flushed = await st.svc.engine.flush();
if (process.env.DEBUG_MEMORY) process.stderr.write(JSON.stringify(flushed) + "\n");
await new Promise((r) => setTimeout(r, 500));
const after = await settle();
const hot = st.svc.engine.hotBytes();
// the names array is the client's, not the server's: it was allocated before the baseline
process.stdout.write(JSON.stringify({ heapPerSeries: (after.heap - before.heap) / series, rssPerSeries: (after.rss - before.rss) / series, hotBytesPerSeries: hot / series }) + '\n');
await st.destroy();
