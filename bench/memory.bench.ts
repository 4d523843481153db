import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Benchmark, figureBesideQuoted } from './harness.js';

/**
 * Memory of the engine per active series (each with a few points in its open chunk), measured
 * in a child process with --expose-gc: JS heap + external buffers after GC, and resident set.
 */
async function measure(series: number, points: number) {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL('./memory-child.js', import.meta.url)), String(series), String(points)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`memory child exited with ${code}`);
  return JSON.parse(out) as { heapPerSeries: number; rssPerSeries: number; hotBytesPerSeries: number };
}

export const benchmark: Benchmark = {
  name: 'memory',
  async run({ quick, log }) {
    const figures = [];
    // a few points each (the brief's measure), and half a 2 h window at 10 s (steady state)
    for (const [series, points] of [
      [quick ? 20_000 : 100_000, 4],
      [quick ? 2_000 : 20_000, 360],
    ]) {
      const r = await measure(series, points);
      log(`${series} series x ${points} points: heap ${r.heapPerSeries.toFixed(0)} B, rss ${r.rssPerSeries.toFixed(0)} B, hot-bytes accounting ${r.hotBytesPerSeries.toFixed(0)} B per series`);
      figures.push(figureBesideQuoted(`heap + buffers per active series, ${points} points each (after GC)`, r.heapPerSeries, 'bytes', { name: 'metrictank', value: 1700 }));
      // resident memory needs many series to rise above the process' fixed cost
      if (points === 4) figures.push(figureBesideQuoted(`resident memory per active series, ${points} points each`, r.rssPerSeries, 'bytes', { name: 'metrictank', value: 1700 }));
    }
    return figures;
  },
};
