/**
 * Data sets of the codec benchmark: synthetic series (seeded, so every run encodes the same
 * numbers) and the oracle's golden sample data, cut into chunks as the engine cuts them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseStorageSchemas, StorageRules } from '../src/config/storage-rules.js';
import type { RollupRecord } from '../src/series/types.js';
import { prng } from './prng.js';

/** Points of one series inside one window. */
export interface ChunkInput {
  windowStart: number;
  step: number;
  timestamps: number[];
  values: number[];
}

export interface RollupInput {
  windowStart: number;
  step: number;
  timestamps: number[];
  records: RollupRecord[];
}

const START = 1795140000; // a multiple of 7200, near the oracle's NOW

/** `points` values at `step`, cut into windows of `window` seconds. */
function series(points: number, step: number, window: number, value: (i: number) => number): ChunkInput[] {
  const chunks: ChunkInput[] = [];
  let current: ChunkInput | null = null;
  for (let i = 0; i < points; i++) {
    const ts = START + i * step;
    const ws = Math.floor(ts / window) * window;
    if (current === null || current.windowStart !== ws) chunks.push((current = { windowStart: ws, step, timestamps: [], values: [] }));
    current.timestamps.push(ts);
    current.values.push(value(i));
  }
  return chunks;
}

/** (a) a random walk of 2-decimal values: steps uniform in [-1, 1], rounded to cents. */
export function randomWalk(points: number): ChunkInput[] {
  const rnd = prng(42);
  let v = 1000;
  return series(points, 10, 7200, () => (v = Math.round((v + rnd() * 2 - 1) * 100) / 100));
}

/** (b) an integer counter: increments uniform in 0..100, as a request counter. */
export function counter(points: number): ChunkInput[] {
  const rnd = prng(43);
  let v = 1e6;
  return series(points, 10, 7200, () => (v += Math.floor(rnd() * 101)));
}

/** (c) a constant. */
export function constant(points: number): ChunkInput[] {
  return series(points, 10, 7200, () => 42.5);
}

/** Rollup buckets of `factor` consecutive points of the chunks' series, in windows of `window` seconds. */
export function rollupOf(chunks: ChunkInput[], factor: number, window: number): RollupInput[] {
  const out: RollupInput[] = [];
  let current: RollupInput | null = null;
  const ts = chunks.flatMap((c) => c.timestamps);
  const vs = chunks.flatMap((c) => c.values);
  const step = chunks[0].step * factor;
  for (let i = 0; i + factor <= ts.length; i += factor) {
    const t = Math.floor(ts[i] / step) * step;
    const ws = Math.floor(t / window) * window;
    if (current === null || current.windowStart !== ws) out.push((current = { windowStart: ws, step, timestamps: [], records: [] }));
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let j = i; j < i + factor; j++) {
      sum += vs[j];
      min = Math.min(min, vs[j]);
      max = Math.max(max, vs[j]);
    }
    current.timestamps.push(t);
    current.records.push({ sum, min, max, last: vs[i + factor - 1], count: factor });
  }
  return out;
}

/**
 * (d) test/fixtures/oracle/sample-points.txt.gz, grouped per series, at the finest step its
 * storage-schemas.conf rule gives, in 2 h windows.
 */
export function oracleSample(root = process.cwd()): ChunkInput[] {
  const dir = join(root, 'test/fixtures/oracle');
  const rules = new StorageRules(parseStorageSchemas(readFileSync(join(dir, 'storage-schemas.conf'), 'utf8'), 'storage-schemas.conf'), []);
  const bySeries = new Map<string, Array<[number, number]>>();
  for (const line of gunzipSync(readFileSync(join(dir, 'sample-points.txt.gz'))).toString('utf8').split('\n')) {
    if (line === '') continue;
    const [path, value, ts] = line.split(' ');
    let points = bySeries.get(path);
    if (!points) bySeries.set(path, (points = []));
    points.push([Number(ts), Number(value)]);
  }
  const chunks: ChunkInput[] = [];
  for (const [path, points] of bySeries) {
    const step = rules.schemaFor(path).retentions[0].step;
    points.sort((a, b) => a[0] - b[0]);
    let current: ChunkInput | null = null;
    for (const [ts, v] of points) {
      const ws = Math.floor(ts / 7200) * 7200;
      if (current === null || current.windowStart !== ws) chunks.push((current = { windowStart: ws, step, timestamps: [], values: [] }));
      current.timestamps.push(ts);
      current.values.push(v);
    }
  }
  return chunks;
}
