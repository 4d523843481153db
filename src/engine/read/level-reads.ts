import { RawBuckets, RollupBuckets, rollUpRaw, rollUpRecords } from '../../series/buckets.js';
import type { ChunkRead, ChunkStore } from '../../stores/chunk-store.js';
import { ChunkEncoding, type Chunk } from '../../series/types.js';
import { readChunkHeader } from '../../series/codec/chunk-format.js';
import { decodeRollupInto } from '../hot/chunk-codec.js';
import { DecodedChunkCache } from './decoded-chunk-cache.js';
import { RawHotChunk, RollupHotChunk, type HotChunk } from '../hot/hot-chunks.js';
import type { SeriesState } from '../table/series-state.js';
import type { ValueBuffers } from '../../lib/value-pool.js';

/** One read of LevelReads.readMany: a series' buckets at one resolution over [from, until). */
export interface LevelRead {
  readonly s: SeriesState;
  readonly level: number;
  readonly from: number;
  readonly until: number;
}

export interface ReadOptions {
  /**
   * The answer covers only the part of [from, until) holding data (a flush writes a window
   * whole, and most windows are far from full at coarse resolutions).
   */
  readonly narrow?: boolean;
  /**
   * Only this process' own stored chunks (plus hot data): what a flush rewrites, so a writer
   * never copies another writer's points into its own chunks.
   */
  readonly ownOnly?: boolean;
  /** where raw buckets take their values (a request's pooled arrays); new arrays without it */
  readonly buffers?: ValueBuffers;
}

/**
 * Reads a series' buckets at one resolution over [from, until) (multiples of its step),
 * merging, each over the one before: stored chunks (several writers' chunks of one window
 * oldest version first, so the newest wins), chunks being flushed, hot chunks, and for a rollup
 * resolution the records its unflushed finer data rolls up to (finer data wins: it is what a
 * flush will write there). The flusher uses the same reads to compute what it writes, so a
 * read before a flush and a read after it agree.
 */
export class LevelReads {
  constructor(
    private readonly store: ChunkStore,
    /** stored raw chunks kept decoded; none by default */
    private readonly decoded = new DecodedChunkCache(0),
    /** this process' name as a writer of the store ('' when it is the only one) */
    private readonly writer = '',
  ) {}

  async raw(s: SeriesState, from: number, until: number, opts: ReadOptions = {}): Promise<RawBuckets> {
    checkAligned(from, until, s.schema.retentions[0].step);
    // taken before the store read: a chunk whose flush completes meanwhile is in one or the other
    const layers = this.hotLayers(s, 0, from, until);
    const req = this.storeRead(s, 0, from, until);
    const stored = req === null ? [] : await this.store.read(req.id, req.resolution, req.from, req.until);
    return this.assembleRaw(s, from, until, stored, layers, opts);
  }

  async rollup(s: SeriesState, level: number, from: number, until: number, opts: ReadOptions = {}): Promise<RollupBuckets> {
    checkAligned(from, until, s.schema.retentions[level].step);
    const layers = this.hotLayers(s, level, from, until);
    const unrolled = this.unrolledBuckets(s, level, from, until);
    const req = this.storeRead(s, level, from, until);
    const stored = req === null ? [] : await this.store.read(req.id, req.resolution, req.from, req.until);
    return this.assembleRollup(s, level, from, until, stored, layers, unrolled, opts);
  }

  /**
   * Many reads with one store round trip for all of their stored chunks (a render's series).
   * Rollup buckets whose finer data is still hot are computed from it, which may read more.
   * `hotOnly`: none of the level's own stored chunks (what another process adds to its own read
   * of a shared store); `buffers`: where raw buckets take their values and the store copies the
   * stored chunks (both dropped once the request is answered).
   */
  async readMany(reads: readonly LevelRead[], opts: { hotOnly?: boolean; buffers?: ValueBuffers } = {}): Promise<Array<RawBuckets | RollupBuckets>> {
    const layers = reads.map((r) => {
      checkAligned(r.from, r.until, r.s.schema.retentions[r.level].step);
      return this.hotLayers(r.s, r.level, r.from, r.until);
    });
    const unrolled = reads.map((r) => (r.level === 0 ? [] : this.unrolledBuckets(r.s, r.level, r.from, r.until)));
    const requests: ChunkRead[] = [];
    const slot = reads.map((r) => {
      // hot only: no stored chunk of the level itself (rollups of hot finer data still read the store)
      const req = opts.hotOnly ? null : this.storeRead(r.s, r.level, r.from, r.until);
      if (req === null) return -1;
      requests.push(req);
      return requests.length - 1;
    });
    const answers = requests.length === 0 ? [] : await this.store.readMany(requests, opts.buffers);
    const out: Array<RawBuckets | RollupBuckets> = [];
    for (let i = 0; i < reads.length; i++) {
      const { s, level, from, until } = reads[i];
      const stored = slot[i] < 0 ? [] : answers[slot[i]];
      out.push(level === 0 ? this.assembleRaw(s, from, until, stored, layers[i], { buffers: opts.buffers }) : await this.assembleRollup(s, level, from, until, stored, layers[i], unrolled[i], {}));
    }
    return out;
  }

  private assembleRaw(s: SeriesState, from: number, until: number, chunks: readonly Chunk[], layers: readonly HotChunk[], opts: ReadOptions): RawBuckets {
    const step = s.schema.retentions[0].step;
    const stored = this.usable(chunks, ChunkEncoding.Raw, opts);
    if (opts.narrow) [from, until] = narrowTo(from, until, step, stored, layers, []);
    const length = (until - from) / step;
    const out = new RawBuckets(from, step, length, opts.buffers?.take(length));
    for (const c of stored) this.decoded.overlay(c, out);
    for (const c of layers) (c as RawHotChunk).overlay(out);
    return out;
  }

  private async assembleRollup(
    s: SeriesState,
    level: number,
    from: number,
    until: number,
    chunks: readonly Chunk[],
    layers: readonly HotChunk[],
    unrolled: readonly number[],
    opts: ReadOptions,
  ): Promise<RollupBuckets> {
    const { step } = s.schema.retentions[level];
    const stored = this.usable(chunks, ChunkEncoding.Rollup, opts);
    if (opts.narrow) [from, until] = narrowTo(from, until, step, stored, layers, unrolled);
    const out = new RollupBuckets(from, step, (until - from) / step);
    for (const c of stored) decodeRollupInto(c.data, out);
    for (const c of layers) (c as RollupHotChunk).overlay(out);
    if (unrolled.length > 0) await this.rollUpInto(s, level, unrolled, out);
    return out;
  }

  /** What to ask the store for, unless it is known to hold nothing of the level there. */
  private storeRead(s: SeriesState, level: number, from: number, until: number): ChunkRead | null {
    const lv = s.levels[level];
    if (lv !== undefined && !lv.mayHaveStored(from, until, s.plan.spans[level])) return null;
    return { id: s.id, resolution: s.schema.retentions[level].step, from, until: until - 1 };
  }

  /** Stored chunks of the encoding (and of this writer, for a flush), in merge order. */
  private usable(chunks: readonly Chunk[], encoding: ChunkEncoding, opts: ReadOptions): Chunk[] {
    return chunks.filter((c) => c.encoding === encoding && (!opts.ownOnly || (c.writer ?? '') === this.writer));
  }

  /**
   * Recomputes the buckets `times` (sorted, inside `out`) of resolution `level` from the finer
   * resolution's merged data, whisper's xFilesFactor applied. Buckets the finer data gives no
   * record keep what `out` holds. Returns the times that got a record.
   */
  async rollUpInto(s: SeriesState, level: number, times: readonly number[], out: RollupBuckets): Promise<number[]> {
    const { xFilesFactor } = s.schema;
    const step = out.step;
    const set: number[] = [];
    // contiguous runs of buckets are read in one go; far-apart runs separately
    for (const run of runs(times, step, 64)) {
      const from = run[0];
      const until = run[run.length - 1] + step;
      const targets = run.map((t) => out.indexOf(t));
      // finer data of every writer: the coarse bucket sums up all of it
      const got =
        level === 1
          ? rollUpRaw(await this.raw(s, from, until), out, targets, xFilesFactor)
          : rollUpRecords(await this.rollup(s, level - 1, from, until), out, targets, xFilesFactor);
      if (got > 0) for (const i of targets) if (out.has(i)) set.push(out.start + i * step);
    }
    return set;
  }

  /** Chunks of `level` overlapping [from, until) in merge order: being flushed, then hot. */
  hotLayers(s: SeriesState, level: number, from: number, until: number): HotChunk[] {
    const lv = s.levels[level];
    if (lv === undefined) return [];
    const out: HotChunk[] = [];
    for (const c of lv.flushing) if (c.start < until && c.end > from) out.push(c);
    for (const c of lv.hot) if (c.start < until && c.end > from) out.push(c);
    return out;
  }

  /**
   * Bucket times of rollup resolution `level` inside [from, until) whose finer data is not yet
   * rolled up into the store: touched by a hot or flushing chunk of the finer resolution, or,
   * recursively, by unrolled data further down.
   */
  unrolledBuckets(s: SeriesState, level: number, from: number, until: number): number[] {
    const step = s.schema.retentions[level].step;
    const found = new Set<number>();
    const add = (t: number) => {
      const b = t - (((t % step) + step) % step);
      if (b >= from && b < until) found.add(b);
    };
    for (const c of this.hotLayers(s, level - 1, from, until)) for (const t of c.timestamps()) add(t);
    if (level >= 2) for (const t of this.unrolledBuckets(s, level - 1, from, until)) add(t);
    return [...found].sort((a, b) => a - b);
  }
}

/** Splits sorted times into runs whose consecutive gaps are at most `maxGap` steps. */
function runs(times: readonly number[], step: number, maxGap: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (const t of times) {
    if (cur.length > 0 && t - cur[cur.length - 1] > maxGap * step) {
      out.push(cur);
      cur = [];
    }
    cur.push(t);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function checkAligned(from: number, until: number, step: number): void {
  if (from % step !== 0 || until % step !== 0 || until < from) throw new Error(`read range [${from}, ${until}) is not aligned to the ${step}s step`);
}

/** [from, until) shrunk to the aligned span of the data the sources hold (empty when none). */
function narrowTo(from: number, until: number, step: number, stored: readonly Chunk[], layers: readonly HotChunk[], times: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of stored) {
    const h = readChunkHeader(c.data);
    if (h.count === 0) continue;
    lo = Math.min(lo, h.firstTimestamp);
    hi = Math.max(hi, h.lastTimestamp);
  }
  for (const c of layers) {
    if (c.isEmpty) continue;
    lo = Math.min(lo, c.minTime);
    hi = Math.max(hi, c.maxTime);
  }
  if (times.length > 0) {
    lo = Math.min(lo, times[0]);
    hi = Math.max(hi, times[times.length - 1]);
  }
  if (lo > hi) return [from, from];
  const a = Math.max(from, lo - (((lo % step) + step) % step));
  const b = Math.min(until, hi - (((hi % step) + step) % step) + step);
  return a < b ? [a, b] : [from, from];
}
