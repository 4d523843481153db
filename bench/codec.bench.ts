/**
 * The chunk codec: bytes per point and encode/decode ns per point for a 2-decimal random walk,
 * an integer counter, a constant and the oracle's sample data, plus rollup bytes per bucket.
 */
import { decodeRawInto, decodeRawOver, RawChunkEncoder } from '../src/series/codec/raw.js';
import { RawBuckets } from '../src/series/buckets.js';
import { decodeRollup, RollupChunkEncoder } from '../src/series/codec/rollup.js';
import { readChunkHeader } from '../src/series/codec/chunk-format.js';
import { figure, percentiles, type Benchmark, type Figure } from './harness.js';
import { constant, counter, oracleSample, randomWalk, rollupOf, type ChunkInput, type RollupInput } from './codec-data.js';

const REFERENCES =
  'published references (not run here): metrictank 6.7 / 2.0 / 0.33 B/pt for a 2-decimal walk / integer counter / constant, ' +
  'decoding at 20-40 ns/pt; Gorilla paper 1.37 B/pt on production data';

function encodeAll(chunks: ChunkInput[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const c of chunks) {
    const enc = new RawChunkEncoder(c.windowStart, c.step);
    const ts = c.timestamps;
    const vs = c.values;
    for (let i = 0; i < ts.length; i++) enc.append(ts[i], vs[i]);
    out.push(enc.finish());
  }
  return out;
}

function decodeAll(encoded: Uint8Array[], ts: Float64Array, vs: Float64Array): number {
  let n = 0;
  for (const data of encoded) n += decodeRawInto(data, ts, vs, 0);
  return n;
}

/**
 * ns per point of fn over `groups` (each about 10k points), as the median of many short rounds
 * for `budgetMs`: short rounds are mostly spared by the scheduler on a shared machine, so the
 * median says what the code costs; the minimum is logged beside it.
 */
function nsPerPoint<T>(groups: T[][], budgetMs: number, fn: (group: T[]) => number): { median: number; min: number } {
  for (const g of groups) fn(g);
  const samples: number[] = [];
  const stop = performance.now() + budgetMs;
  for (let r = 0; r < 5 || performance.now() < stop; r++) {
    const g = groups[r % groups.length];
    const t0 = process.hrtime.bigint();
    const points = fn(g);
    samples.push(Number(process.hrtime.bigint() - t0) / points);
  }
  return { median: percentiles(samples).median, min: Math.min(...samples) };
}

/** Consecutive runs of items holding about `points` points each. */
function groupsOf<T>(items: T[], size: (item: T) => number, points = 10000): T[][] {
  const groups: T[][] = [[]];
  let n = 0;
  for (const item of items) {
    if (n >= points) {
      groups.push([]);
      n = 0;
    }
    groups[groups.length - 1].push(item);
    n += size(item);
  }
  return groups;
}

/** Buckets over each chunk's points (its first to its last, on its step): what a read decodes into. */
function bucketsOf(encoded: Uint8Array[]): RawBuckets[] {
  return encoded.map((d) => {
    const h = readChunkHeader(d);
    return new RawBuckets(h.firstTimestamp, h.step, Math.floor((h.lastTimestamp - h.firstTimestamp) / h.step) + 1);
  });
}

/** The reads' way before decodeRawOver: decode into arrays, then place each point by its timestamp. */
function decodeThenPlace(data: Uint8Array, dst: RawBuckets, ts: Float64Array, vs: Float64Array): number {
  const n = decodeRawInto(data, ts, vs, 0);
  const { start, step, length, values } = dst;
  for (let k = 0; k < n; k++) {
    const i = (ts[k] - start) / step;
    if (i >= 0 && i < length) values[i] = vs[k];
  }
  return n;
}

/**
 * Decoding into a read's step-aligned buckets: decodeRawOver (a regular chunk's timestamps
 * recognised by a byte compare, its values decoded in place) against decoding into arrays and
 * placing each point (what reads did before); the buckets must come out the same.
 */
function measureOver(name: string, encoded: Uint8Array[], ts: Float64Array, vs: Float64Array, budgetMs: number, log: (m: string) => void): Figure {
  const over = bucketsOf(encoded);
  const placed = bucketsOf(encoded);
  encoded.forEach((d, i) => {
    decodeRawOver(d, over[i]);
    decodeThenPlace(d, placed[i], ts, vs);
    if (Buffer.compare(Buffer.from(over[i].values.buffer), Buffer.from(placed[i].values.buffer)) !== 0) throw new Error(`${name}: decodeRawOver gave other buckets than decode and place`);
  });
  const items = encoded.map((d, i) => ({ d, b: over[i], n: readChunkHeader(d).count }));
  const size = (x: { n: number }) => x.n;
  const inPlace = nsPerPoint(groupsOf(items, size), budgetMs, (g) => g.reduce((n, x) => (decodeRawOver(x.d, x.b), n + x.n), 0));
  const before = nsPerPoint(groupsOf(items, size), budgetMs, (g) => g.reduce((n, x) => n + decodeThenPlace(x.d, x.b, ts, vs), 0));
  log(`${name}: decode over buckets ${fmt(inPlace)}, decode then place ${fmt(before)} ns/point`);
  return figure(`${name} decode over buckets`, inPlace.median, 'ns/point', { name: 'decode into arrays, then place', value: before.median });
}

const fmt = (t: { median: number; min: number }) => `${t.median.toFixed(1)} (min ${t.min.toFixed(1)})`;

function measureRaw(name: string, chunks: ChunkInput[], budgetMs: number, log: (m: string) => void): Figure[] {
  const points = chunks.reduce((n, c) => n + c.timestamps.length, 0);
  const encoded = encodeAll(chunks);
  const bytes = encoded.reduce((n, d) => n + d.length, 0);
  const longest = Math.max(...chunks.map((c) => c.timestamps.length));
  const ts = new Float64Array(longest);
  const vs = new Float64Array(longest);
  if (decodeAll(encoded, ts, vs) !== points) throw new Error(`${name}: decoded point count differs`);
  const size = (c: ChunkInput) => c.timestamps.length;
  const enc = nsPerPoint(groupsOf(chunks, size), budgetMs, (g) => {
    encodeAll(g);
    return g.reduce((n, c) => n + size(c), 0);
  });
  const dec = nsPerPoint(groupsOf(encoded, (d) => readChunkHeader(d).count), budgetMs, (g) => decodeAll(g, ts, vs));
  log(`${name}: ${points} points in ${chunks.length} chunks, ${bytes} bytes; encode ${fmt(enc)}, decode ${fmt(dec)} ns/point`);
  return [figure(`${name} size`, bytes / points, 'bytes/point'), figure(`${name} encode`, enc.median, 'ns/point'), figure(`${name} decode`, dec.median, 'ns/point'), measureOver(name, encoded, ts, vs, budgetMs, log)];
}

function encodeRollups(chunks: RollupInput[]): Uint8Array[] {
  return chunks.map((c) => {
    const enc = new RollupChunkEncoder(c.windowStart, c.step);
    for (let i = 0; i < c.timestamps.length; i++) enc.append(c.timestamps[i], c.records[i]);
    return enc.finish();
  });
}

function measureRollup(name: string, chunks: RollupInput[], budgetMs: number, log: (m: string) => void): Figure[] {
  const buckets = chunks.reduce((n, c) => n + c.timestamps.length, 0);
  const encoded = encodeRollups(chunks);
  const bytes = encoded.reduce((n, d) => n + d.length, 0);
  const size = (c: RollupInput) => c.timestamps.length;
  const enc = nsPerPoint(groupsOf(chunks, size, 3000), budgetMs, (g) => {
    encodeRollups(g);
    return g.reduce((n, c) => n + size(c), 0);
  });
  const dec = nsPerPoint(groupsOf(encoded, (d) => readChunkHeader(d).count, 3000), budgetMs, (g) => g.reduce((n, d) => n + decodeRollup(d).count, 0));
  log(`${name}: ${buckets} buckets in ${chunks.length} chunks, ${bytes} bytes; encode ${fmt(enc)}, decode ${fmt(dec)} ns/bucket`);
  return [figure(`${name} size`, bytes / buckets, 'bytes/bucket'), figure(`${name} encode`, enc.median, 'ns/bucket'), figure(`${name} decode`, dec.median, 'ns/bucket')];
}

export const benchmark: Benchmark = {
  name: 'codec',
  async run({ quick, log }) {
    const points = quick ? 720 * 40 : 720 * 400;
    const budgetMs = quick ? 250 : 3000;
    log(REFERENCES);
    const walk = randomWalk(points);
    const sample = oracleSample();
    return [
      ...measureRaw('2-decimal walk', walk, budgetMs, log),
      ...measureRaw('integer counter', counter(points), budgetMs, log),
      ...measureRaw('constant', constant(points), budgetMs, log),
      ...measureRaw('oracle sample', quick ? sample.filter((_, i) => i % 8 === 0) : sample, budgetMs, log),
      // 60 s buckets of the walk's 10 s points, in 12 h windows (720 buckets, as a 2 h raw chunk)
      ...measureRollup('2-decimal walk rollup', rollupOf(walk, 6, 43200), budgetMs, log),
    ];
  },
};
