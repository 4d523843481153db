import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateConfig } from '../src/config/load.js';
import { fillRegistry } from '../test/helpers/big-registry.js';
import { BENCH_NOW } from './engine-fixture.js';
import { type Benchmark, figure } from './harness.js';

interface StartUp {
  ms: number;
  series: number;
  heap: number;
  rss: number;
}

async function startUp(dataDir: string, mode: 'lazy' | 'load-all'): Promise<StartUp> {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL('./startup-child.js', import.meta.url)), dataDir, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`start-up child (${mode}) exited with ${code}`);
  return JSON.parse(out) as StartUp;
}

/**
 * Start-up on a big series registry: the engine as it is (it reads no record until a write or
 * a read asks for one) beside the earlier engine's start-up, which made every record a resident
 * series (measured here in the same run, on the same store, by doing what it did).
 */
export const benchmark: Benchmark = {
  name: 'startup',
  async run({ quick, log }) {
    const series = quick ? 100_000 : 1_000_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-bench-startup-'));
    try {
      const built = await fillRegistry(validateConfig({ dataDir }), series, BENCH_NOW);
      log(`registry of ${series} series written in ${(built.ms / 1000).toFixed(1)} s`);
      const lazy = await startUp(dataDir, 'lazy');
      const all = await startUp(dataDir, 'load-all');
      if (lazy.series !== 0 || all.series !== series) throw new Error(`start-up held ${lazy.series} and ${all.series} series, expected 0 and ${series}`);
      const n = series.toLocaleString('en');
      return [
        figure(`start-up on ${n} series`, lazy.ms, 'ms', { name: 'every record loaded (earlier engine)', value: all.ms }),
        figure(`memory after start-up on ${n} series (heap + buffers)`, lazy.heap / 2 ** 20, 'MiB', { name: 'every record loaded (earlier engine)', value: all.heap / 2 ** 20 }),
        figure(`resident memory added by start-up on ${n} series`, lazy.rss / 2 ** 20, 'MiB', { name: 'every record loaded (earlier engine)', value: all.rss / 2 ** 20 }),
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
