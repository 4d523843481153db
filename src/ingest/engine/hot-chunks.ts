import { RawBuckets, RollupBuckets } from '../../series/buckets.js';
import type { RollupRecord } from '../../series/types.js';
import { RawChunkEncoder, decodeRawInto } from './chunk-codec.js';
import { decodeRaw } from '../../series/codec/raw.js';

/** Out-of-order overwrites kept beside the encoder before it is rebuilt with them. */
const MAX_PATCHES = 64;
/** Rough bytes of a chunk's own objects, beside its payload, for the hot-bytes budget. */
const CHUNK_OVERHEAD_BYTES = 160;
/** a Gorilla encoder's objects and typed arrays, beside the bytes of its streams */
const ENCODER_OVERHEAD_BYTES = 700;
const RECORD_BYTES = 96;

/**
 * Unflushed points of one series at one raw resolution inside one window [start, end).
 * Points are Gorilla-encoded as they come; the latest one is held back ("pending") so that a
 * resend into the same bucket (carbon's usual overwrite) replaces it without touching the
 * encoder. A point older than the encoder's last one is an out-of-order overwrite: it goes to a
 * small patch map that wins over the encoder, and the encoder is rebuilt when that map grows.
 */
export class RawHotChunk {
  /** created at the second point: a series sending once per window never pays for one */
  private enc: RawChunkEncoder | null = null;
  private pendingTs = NaN;
  private pendingValue = 0;
  private patches: Map<number, number> | null = null;
  private lowest = Infinity;
  /**
   * the decoded points of a detached chunk (a flush reads it several times); a hot chunk does not
   * keep them: a flush reads every hot chunk its rollup buckets overlap, and would leave them all
   * decoded until their next write
   */
  private decoded: { times: number[]; values: number[] } | null = null;
  private detached = false;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly step: number,
    /** the oldest write-ahead log segment that may hold one of its points */
    public firstSegment: number,
  ) {
  }

  /** `t` is aligned to the step and inside the window. Last write wins. */
  write(t: number, value: number): void {
    this.decoded = null;
    this.detached = false;
    if (t < this.lowest) this.lowest = t;
    const pending = this.pendingTs;
    if (t === pending) {
      this.pendingValue = value;
    } else if (t > pending || pending !== pending) {
      if (pending === pending) (this.enc ??= new RawChunkEncoder(this.start, this.step)).append(pending, this.pendingValue);
      this.pendingTs = t;
      this.pendingValue = value;
    } else if (this.enc === null || this.enc.count === 0 || t > this.enc.lastTimestamp) {
      // between the encoder's last point and the pending one: still in order for the encoder
      (this.enc ??= new RawChunkEncoder(this.start, this.step)).append(t, value);
    } else {
      (this.patches ??= new Map()).set(t, value);
      if (this.patches.size > MAX_PATCHES) this.rebuild();
    }
  }

  get isEmpty(): boolean {
    return this.pendingTs !== this.pendingTs;
  }

  /** earliest bucket time held (Infinity when empty) */
  get minTime(): number {
    return this.lowest;
  }

  /** latest bucket time held: always the pending point */
  get maxTime(): number {
    return this.isEmpty ? -Infinity : this.pendingTs;
  }

  get byteLength(): number {
    return CHUNK_OVERHEAD_BYTES + (this.enc === null ? 0 : ENCODER_OVERHEAD_BYTES + this.enc.byteLength) + (this.patches ? this.patches.size * 48 : 0);
  }

  /** Writes this chunk's points over `dst` where they fall inside it. */
  overlay(dst: RawBuckets): void {
    const { times, values } = this.points();
    const { start, step, length } = dst;
    const out = dst.values;
    for (let k = 0; k < times.length; k++) {
      const i = (times[k] - start) / step;
      if (i >= 0 && i < length) out[i] = values[k];
    }
  }

  /** The bucket times holding a point, ascending. */
  timestamps(): readonly number[] {
    return this.points().times;
  }

  /** Every point, ascending, last write applied. */
  points(): { times: number[]; values: number[] } {
    return this.detached ? (this.decoded ??= this.decode()) : this.decode();
  }

  /** The chunk is being flushed: no more writes until it is back (a failed flush), so its points may be kept decoded. */
  detach(): void {
    this.detached = true;
  }

  private decode(): { times: number[]; values: number[] } {
    const times: number[] = [];
    const values: number[] = [];
    if (this.enc !== null && this.enc.count > 0) {
      const d = decodeRaw(this.enc.finish());
      for (let k = 0; k < d.count; k++) {
        times.push(d.timestamps[k]);
        values.push(this.patches?.get(d.timestamps[k]) ?? d.values[k]);
      }
    }
    if (this.patches) {
      // patches may also fill gaps between the encoder's points
      const held = new Set(times);
      const extra = [...this.patches].filter(([t]) => !held.has(t));
      if (extra.length > 0) {
        const all = times.map((t, k) => [t, values[k]] as [number, number]).concat(extra).sort((a, b) => a[0] - b[0]);
        times.length = 0;
        values.length = 0;
        for (const [t, v] of all) {
          times.push(t);
          values.push(v);
        }
      }
    }
    if (!this.isEmpty) {
      times.push(this.pendingTs);
      values.push(this.pendingValue);
    }
    return { times, values };
  }

  private rebuild(): void {
    const b = new RawBuckets(this.start, this.step, (this.end - this.start) / this.step);
    if (this.enc !== null && this.enc.count > 0) decodeRawInto(this.enc.finish(), b);
    for (const [t, v] of this.patches!) b.values[b.indexOf(t)] = v;
    this.patches = null;
    const enc = new RawChunkEncoder(this.start, this.step);
    for (let i = 0; i < b.length; i++) {
      const v = b.values[i];
      if (v === v) enc.append(this.start + i * this.step, v);
    }
    this.enc = enc;
  }
}

/**
 * Unflushed records of one series at one rollup resolution inside one window: points written
 * straight to this resolution (backfill older than the finer retentions), or records derived
 * from a finer flush on their way to the store. Rare and short-lived, so a plain map.
 */
export class RollupHotChunk {
  private readonly records = new Map<number, RollupRecord>();
  /** bounds of the times ever written (deletes do not shrink them: they only bound reads) */
  minTime = Infinity;
  maxTime = -Infinity;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly step: number,
    public firstSegment: number,
  ) {}

  write(t: number, rec: RollupRecord): void {
    if (t < this.minTime) this.minTime = t;
    if (t > this.maxTime) this.maxTime = t;
    this.records.set(t, rec);
  }

  delete(t: number): void {
    this.records.delete(t);
  }

  get isEmpty(): boolean {
    return this.records.size === 0;
  }

  get byteLength(): number {
    return CHUNK_OVERHEAD_BYTES + this.records.size * RECORD_BYTES;
  }

  overlay(dst: RollupBuckets): void {
    for (const [t, r] of this.records) {
      const i = dst.indexOf(t);
      if (i >= 0) dst.set(i, r.sum, r.min, r.max, r.last, r.count);
    }
  }

  timestamps(): readonly number[] {
    return [...this.records.keys()].sort((a, b) => a - b);
  }
}

export type HotChunk = RawHotChunk | RollupHotChunk;
