/**
 * The chunk codec: bytes per point and encode/decode ns per point for a 2-decimal random walk,
 * an integer counter, a constant and the oracle's sample data, plus rollup bytes per bucket.
 */
import { decodeRawInto, RawChunkEncoder } from '../src/series/codec/raw.js';
import { decodeRollup, RollupChunkEncoder } from '../src/series/codec/rollup.js';
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

/** Median ns per point of `rounds` runs of fn (after one warm-up run). */
function nsPerPoint(rounds: number, points: number, fn: () => void): number {
  fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / points);
  }
  return percentiles(samples).median;
}

function measureRaw(name: string, chunks: ChunkInput[], rounds: number, log: (m: string) => void): Figure[] {
  const points = chunks.reduce((n, c) => n + c.timestamps.length, 0);
  const encoded = encodeAll(chunks);
  const bytes = encoded.reduce((n, d) => n + d.length, 0);
  const longest = Math.max(...chunks.map((c) => c.timestamps.length));
  const ts = new Float64Array(longest);
  const vs = new Float64Array(longest);
  if (decodeAll(encoded, ts, vs) !== points) throw new Error(`${name}: decoded point count differs`);
  const enc = nsPerPoint(rounds, points, () => encodeAll(chunks));
  const dec = nsPerPoint(rounds, points, () => decodeAll(encoded, ts, vs));
  log(`${name}: ${points} points in ${chunks.length} chunks, ${bytes} bytes`);
  return [figure(`${name} size`, bytes / points, 'bytes/point'), figure(`${name} encode`, enc, 'ns/point'), figure(`${name} decode`, dec, 'ns/point')];
}

function measureRollup(name: string, chunks: RollupInput[], rounds: number, log: (m: string) => void): Figure[] {
  const buckets = chunks.reduce((n, c) => n + c.timestamps.length, 0);
  const encodeRollups = () =>
    chunks.map((c) => {
      const enc = new RollupChunkEncoder(c.windowStart, c.step);
      for (let i = 0; i < c.timestamps.length; i++) enc.append(c.timestamps[i], c.records[i]);
      return enc.finish();
    });
  const encoded = encodeRollups();
  const bytes = encoded.reduce((n, d) => n + d.length, 0);
  const enc = nsPerPoint(rounds, buckets, encodeRollups);
  const dec = nsPerPoint(rounds, buckets, () => encoded.forEach((d) => decodeRollup(d)));
  log(`${name}: ${buckets} buckets in ${chunks.length} chunks, ${bytes} bytes`);
  return [figure(`${name} size`, bytes / buckets, 'bytes/bucket'), figure(`${name} encode`, enc, 'ns/bucket'), figure(`${name} decode`, dec, 'ns/bucket')];
}

export const benchmark: Benchmark = {
  name: 'codec',
  async run({ quick, log }) {
    const points = quick ? 720 * 40 : 720 * 400;
    const rounds = quick ? 3 : 9;
    log(REFERENCES);
    const walk = randomWalk(points);
    const sample = oracleSample();
    const figures = [
      ...measureRaw('2-decimal walk', walk, rounds, log),
      ...measureRaw('integer counter', counter(points), rounds, log),
      ...measureRaw('constant', constant(points), rounds, log),
      ...measureRaw('oracle sample', quick ? sample.filter((_, i) => i % 8 === 0) : sample, rounds, log),
      // 60 s buckets of the walk's 10 s points, in 12 h windows (720 buckets, as a 2 h raw chunk)
      ...measureRollup('2-decimal walk rollup', rollupOf(walk, 6, 43200), rounds, log),
    ];
    return figures;
  },
};
