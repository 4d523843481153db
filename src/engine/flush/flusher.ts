import { RollupBuckets } from '../../series/buckets.js';
import { ChunkEncoding } from '../../series/types.js';
import type { ChunkStore, StoredChunk } from '../../stores/chunk-store.js';
import { encodeRawBuckets, encodeRollupBuckets } from '../hot/chunk-codec.js';
import { RawHotChunk, RollupHotChunk, type HotChunk } from '../hot/hot-chunks.js';
import type { LevelReads } from '../read/level-reads.js';
import { compact, without, type SeriesState } from '../table/series-state.js';
import { windowStart } from '../table/windows.js';

/** Chunks of one series chosen for a flush, by resolution. */
export type FlushSelection = Map<SeriesState, HotChunk[][]>;

export interface FlushOutcome {
  series: number;
  chunks: number;
  /** payload bytes written */
  bytes: number;
}

/** Series flushed together: their chunks go to the store in one write. */
const SERIES_PER_WRITE = 256;

/**
 * Persists chosen hot chunks. For each series, resolution by resolution from the finest: the
 * chosen chunks are detached (reads still see them), each window they touch is read merged
 * (stored + flushing + hot) and written whole, and the coarser buckets they touch are
 * recomputed from that finer data and flushed the same way, down to the coarsest resolution.
 * Recomputing instead of accumulating keeps rollups exact under overwrites, backfill and
 * write-ahead log replays. Chunks leave memory only once the store has them.
 */
export class Flusher {
  private lastVersion = 0;

  constructor(
    private readonly store: ChunkStore,
    private readonly reads: LevelReads,
    /** this process' name as a writer of the store ('' when it is the only one) */
    private readonly writer: string,
    /** ms since the epoch, for the version of the chunks written */
    private readonly nowMs: () => number,
  ) {}

  async flush(selection: FlushSelection): Promise<FlushOutcome> {
    const outcome: FlushOutcome = { series: 0, chunks: 0, bytes: 0 };
    const entries = [...selection];
    for (let i = 0; i < entries.length; i += SERIES_PER_WRITE) {
      const group = entries.slice(i, i + SERIES_PER_WRITE);
      const detached = group.map(([s, chosen]) => this.detach(s, chosen));
      const version = this.nextVersion();
      let written: StoredChunk[][];
      try {
        written = await Promise.all(group.map(([s], k) => this.prepare(s, detached[k], version)));
        const all = written.flat();
        if (all.length > 0) await this.store.write(all);
      } catch (err) {
        group.forEach(([s], k) => this.restore(s, detached[k]));
        throw err;
      }
      group.forEach(([s], k) => {
        this.release(s, detached[k]);
        for (const c of written[k]) s.levels[s.schema.retentions.findIndex((r) => r.step === c.resolution)]?.noteStored(c.start);
      });
      outcome.series += group.length;
      for (const w of written) {
        outcome.chunks += w.length;
        for (const c of w) outcome.bytes += c.data.length;
      }
    }
    return outcome;
  }

  /** The version of chunks written now: newer than anything this writer stored before, even when the clock stands still (tests). */
  nextVersion(): number {
    return (this.lastVersion = Math.max(this.nowMs(), this.lastVersion + 1));
  }

  /** Moves the chosen chunks from hot to flushing. */
  private detach(s: SeriesState, chosen: HotChunk[][]): HotChunk[][] {
    return chosen.map((list, level) => {
      if (list.length === 0) return list;
      const lv = s.level(level);
      const set = new Set(list);
      for (const c of list) if (c instanceof RawHotChunk) c.detach();
      lv.hot = without(lv.hot, set);
      lv.flushing = [...lv.flushing, ...list];
      if (level === 0 && s.cur !== null && set.has(s.cur)) s.cur = null;
      return list;
    });
  }

  /**
   * Builds the chunks to store; derived rollup chunks join `detached` (as flushing) on the way.
   * A window is rewritten whole from this writer's own stored chunk and the hot data; its rollup
   * buckets are recomputed from every writer's finer data.
   */
  private async prepare(s: SeriesState, detached: HotChunk[][], version: number): Promise<StoredChunk[]> {
    const { retentions } = s.schema;
    const out: StoredChunk[] = [];
    for (let level = 0; level < retentions.length; level++) {
      const chunks = detached[level] ?? (detached[level] = []);
      if (chunks.length === 0) continue;
      const { step, retention } = retentions[level];
      const span = s.plan.spans[level];
      for (const start of new Set(chunks.map((c) => c.start))) {
        const end = start + span;
        const opts = { narrow: true, ownOnly: true };
        const data =
          level === 0
            ? encodeRawBuckets(await this.reads.raw(s, start, end, opts), start)
            : encodeRollupBuckets(await this.reads.rollup(s, level, start, end, opts), start);
        if (data === null) continue;
        const encoding = level === 0 ? ChunkEncoding.Raw : ChunkEncoding.Rollup;
        out.push({ id: s.id, resolution: step, start, end, encoding, data, ttl: retention, writer: this.writer, version });
      }
      if (level + 1 < retentions.length) {
        const derived = await this.deriveCoarser(s, level, chunks);
        if (derived.length > 0) {
          (detached[level + 1] ??= []).push(...derived);
          const coarseLevel = s.level(level + 1);
          coarseLevel.flushing = [...coarseLevel.flushing, ...derived];
        }
      }
    }
    return out;
  }

  /** Records of the next coarser resolution touched by `chunks`, recomputed, as flushing chunks. */
  private async deriveCoarser(s: SeriesState, level: number, chunks: HotChunk[]): Promise<HotChunk[]> {
    const coarse = level + 1;
    const { step } = s.schema.retentions[coarse];
    const span = s.plan.spans[coarse];
    const byWindow = new Map<number, Set<number>>();
    for (const c of chunks) {
      for (const t of c.timestamps()) {
        const b = t - (((t % step) + step) % step);
        const w = windowStart(b, span);
        let set = byWindow.get(w);
        if (!set) byWindow.set(w, (set = new Set()));
        set.add(b);
      }
    }
    const out: HotChunk[] = [];
    const coarseLevel = s.level(coarse);
    for (const [w, set] of byWindow) {
      const times = [...set].sort((a, b) => a - b);
      const from = times[0];
      const buckets = new RollupBuckets(from, step, (times[times.length - 1] - from) / step + 1);
      const got = await this.reads.rollUpInto(s, coarse, times, buckets);
      if (got.length === 0) continue;
      const chunk = new RollupHotChunk(w, w + span, step, Infinity);
      for (const t of got) chunk.write(t, buckets.record(buckets.indexOf(t))!);
      // finer data wins: a point written straight to this bucket and not yet flushed is superseded
      for (const h of coarseLevel.hot) if (h instanceof RollupHotChunk && h.start === w) for (const t of got) h.delete(t);
      coarseLevel.hot = compact(coarseLevel.hot.filter((h) => !h.isEmpty));
      out.push(chunk);
    }
    return out;
  }

  /** Chunks whose points another writer of the store has persisted leave memory unwritten. */
  discard(dropped: FlushSelection): number {
    let n = 0;
    for (const [s, perLevel] of dropped) {
      perLevel.forEach((list, level) => {
        if (list.length === 0) return;
        const lv = s.level(level);
        const set = new Set(list);
        lv.hot = without(lv.hot, set);
        if (level === 0 && s.cur !== null && set.has(s.cur)) s.cur = null;
        n += list.length;
      });
    }
    return n;
  }

  /** After a successful write: the chunks leave memory. */
  private release(s: SeriesState, detached: HotChunk[][]): void {
    detached.forEach((list, level) => {
      if (list.length === 0) return;
      const lv = s.level(level);
      lv.flushing = without(lv.flushing, new Set(list));
    });
  }

  /** After a failed write: chosen chunks go back to hot (before newer ones); derived ones are dropped. */
  private restore(s: SeriesState, detached: HotChunk[][]): void {
    detached.forEach((list, level) => {
      if (list.length === 0) return;
      const lv = s.level(level);
      lv.flushing = without(lv.flushing, new Set(list));
      lv.hot = [...list.filter((c) => c.firstSegment !== Infinity), ...lv.hot];
    });
  }
}
