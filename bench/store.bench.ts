import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteAheadLog } from '../src/engine/wal/write-ahead-log.js';
import { ChunkEncoding } from '../src/series/types.js';
import type { StoredChunk } from '../src/stores/chunk-store.js';
import { LmdbChunkStore } from '../src/stores/lmdb/chunk-store.js';
import { openLmdbEnvironment } from '../src/stores/lmdb/environment.js';
import { type Benchmark, figure, type Figure } from './harness.js';
import { prng } from './prng.js';

export const WINDOW = 7200;
export const RESOLUTION = 10;

/** ~1 KB of incompressible-looking bytes, as a Gorilla chunk of 2 h at 10 s is. */
export function payload(bytes: number, seed: number): Uint8Array {
  const r = prng(seed);
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (r() * 256) | 0;
  return out;
}

/** Chunk n of a dataset of `series` series: series n % series, window n / series. */
export function chunkAt(n: number, series: number, data: Uint8Array, ttl = 30 * 86400): StoredChunk {
  const w = Math.floor(n / series);
  return { id: `s${(n % series).toString(36)}`, resolution: RESOLUTION, start: w * WINDOW, end: (w + 1) * WINDOW, ttl, encoding: ChunkEncoding.Raw, data };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'carbyne-bench-store-'));
}

async function chunkWritesAndReads(quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  const dir = tempDir();
  const env = openLmdbEnvironment(dir);
  const store = LmdbChunkStore.open(env);
  try {
    const series = 10_000;
    const batches = quick ? 30 : 200;
    const data = payload(1024, 1);
    const t0 = performance.now();
    for (let b = 0; b < batches; b++) {
      const batch: StoredChunk[] = [];
      for (let i = 0; i < 1000; i++) batch.push(chunkAt(b * 1000 + i, series, data));
      await store.write(batch);
    }
    const writeSeconds = (performance.now() - t0) / 1000;
    const written = batches * 1000;
    log(`${written} chunks in ${writeSeconds.toFixed(2)} s (each batch one durable transaction)`);

    const windows = Math.floor(written / series);
    const r = prng(7);
    const reads = quick ? 20_000 : 200_000;
    let found = 0;
    const t1 = performance.now();
    for (let i = 0; i < reads; i++) {
      const id = `s${Math.floor(r() * series).toString(36)}`;
      const w = Math.floor(r() * windows);
      // an hour inside one window
      found += (await store.read(id, RESOLUTION, w * WINDOW + 600, w * WINDOW + 4200)).length;
    }
    const readSeconds = (performance.now() - t1) / 1000;
    if (found !== reads) throw new Error(`expected one chunk per read, got ${found} for ${reads}`);
    return [
      figure('chunk writes (batches of 1000 x 1 KB, durable)', written / writeSeconds, 'chunks/s'),
      figure('chunk write throughput', (written * 1024) / writeSeconds / 1024 ** 2, 'MB/s'),
      figure('chunk reads (random series, one window)', reads / readSeconds, 'reads/s'),
    ];
  } finally {
    await store.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function expiry(quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  const dir = tempDir();
  const env = openLmdbEnvironment(dir);
  const store = LmdbChunkStore.open(env);
  try {
    const total = quick ? 20_000 : 100_000;
    const data = payload(1024, 2);
    // twice as many chunks as expire, so the scan has to stop at the right place
    for (let b = 0; b < (2 * total) / 1000; b++) {
      const batch: StoredChunk[] = [];
      for (let i = 0; i < 1000; i++) batch.push(chunkAt(b * 1000 + i, 1000, data, 86400));
      await store.write(batch);
    }
    // chunk n ends at (floor(n / 1000) + 1) * WINDOW: the first `total` chunks have deadlines before `now`
    const now = (total / 1000) * WINDOW + 86400 + 1;
    const t0 = performance.now();
    const removed = await store.expire(now);
    const seconds = (performance.now() - t0) / 1000;
    if (removed !== total) throw new Error(`expired ${removed}, expected ${total}`);
    log(`expired ${removed} of ${2 * total} chunks in ${seconds.toFixed(2)} s`);
    return [figure(`expiry of ${total / 1000}k chunks`, seconds, 's'), figure('expiry rate', removed / seconds, 'chunks/s')];
  } finally {
    await store.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function walAppends(quick: boolean, log: (m: string) => void): Figure[] {
  const out: Figure[] = [];
  const record = payload(16 * 1024, 3);
  for (const fsyncIntervalMs of [1000, 0]) {
    const dir = tempDir();
    const wal = WriteAheadLog.open(dir, { segmentBytes: 64 * 1024 ** 2, fsyncIntervalMs });
    try {
      const n = fsyncIntervalMs === 0 ? (quick ? 200 : 1000) : quick ? 20_000 : 100_000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) wal.append(record);
      const seconds = (performance.now() - t0) / 1000;
      log(`fsyncIntervalMs=${fsyncIntervalMs}: ${n} appends in ${seconds.toFixed(2)} s, ${wal.currentSegment} segments`);
      const label = fsyncIntervalMs === 0 ? 'WAL appends, 16 KB, fdatasync each' : `WAL appends, 16 KB, fdatasync every ${fsyncIntervalMs} ms`;
      out.push(figure(label, n / seconds, 'appends/s'), figure(`${label}: throughput`, (n * record.length) / seconds / 1024 ** 2, 'MB/s'));
    } finally {
      wal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export const benchmark: Benchmark = {
  name: 'store',
  async run({ quick, log }) {
    return [...(await chunkWritesAndReads(quick, log)), ...(await expiry(quick, log)), ...walAppends(quick, log)];
  },
};
