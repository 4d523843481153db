import { RawBuckets, RollupBuckets } from '../../series/buckets.js';
import type { RollupRecord } from '../../series/types.js';
import { RawChunkEncoder, decodeRawInto } from './chunk-codec.js';
import { decodeRaw } from '../../series/codec/raw.js';

/** Out-of-order overwrites kept beside the encoder before it is rebuilt with them. */
const MAX_PATCHES = 64;
/** Rough bytes of a chunk's own objects, beside its payload, for the hot-bytes budget. */
const CHUNK_OVERHEAD_BYTES = 160;
const RECORD_BYTES = 96;

/**
 * Unflushed points of one series at one raw resolution inside one window [start, end).
 * Points are Gorilla-encoded as they come; the latest one is held back ("pending") so that a
 * resend into the same bucket (carbon's usual overwrite) replaces it without touching the
 * encoder. A point older than the encoder's last one is an out-of-order overwrite: it goes to a
 * small patch map that wins over the encoder, and the encoder is rebuilt when that map grows.
 */
export class RawHotChunk {
  private enc: RawChunkEncoder;
  private pendingTs = NaN;
  private pendingValue = 0;
  private patches: Map<number, number> | null = null;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly step: number,
    /** the oldest write-ahead log segment that may hold one of its points */
    public firstSegment: number,
  ) {
    this.enc = new RawChunkEncoder(start, step);
  }

  /** `t` is aligned to the step and inside the window. Last write wins. */
  write(t: number, value: number): void {
    const pending = this.pendingTs;
    if (t === pending) {
      this.pendingValue = value;
    } else if (t > pending || pending !== pending) {
      if (pending === pending) this.enc.append(pending, this.pendingValue);
      this.pendingTs = t;
      this.pendingValue = value;
    } else if (this.enc.count === 0 || t > this.enc.lastTimestamp) {
      // between the encoder's last point and the pending one: still in order for the encoder
      this.enc.append(t, value);
    } else {
      (this.patches ??= new Map()).set(t, value);
      if (this.patches.size > MAX_PATCHES) this.rebuild();
    }
  }

  get isEmpty(): boolean {
    return this.pendingTs !== this.pendingTs;
  }

  get byteLength(): number {
    return CHUNK_OVERHEAD_BYTES + this.enc.byteLength + (this.patches ? this.patches.size * 48 : 0);
  }

  /** Writes this chunk's points over `dst` where they fall inside it. */
  overlay(dst: RawBuckets): void {
    if (this.enc.count > 0) decodeRawInto(this.enc.finish(), dst);
    if (this.patches) {
      for (const [t, v] of this.patches) {
        const i = dst.indexOf(t);
        if (i >= 0) dst.values[i] = v;
      }
    }
    if (!this.isEmpty) {
      const i = dst.indexOf(this.pendingTs);
      if (i >= 0) dst.values[i] = this.pendingValue;
    }
  }

  /** The bucket times holding a point, ascending. */
  timestamps(): number[] {
    const out: number[] = [];
    if (this.enc.count > 0) {
      const d = decodeRaw(this.enc.finish());
      for (let k = 0; k < d.count; k++) out.push(d.timestamps[k]);
    }
    if (!this.isEmpty) out.push(this.pendingTs);
    if (this.patches) {
      // a patch may overwrite a time the encoder holds or fill a gap between its points
      const all = new Set(out);
      for (const t of this.patches.keys()) all.add(t);
      return [...all].sort((a, b) => a - b);
    }
    return out;
  }

  private rebuild(): void {
    const b = new RawBuckets(this.start, this.step, (this.end - this.start) / this.step);
    if (this.enc.count > 0) decodeRawInto(this.enc.finish(), b);
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

  constructor(
    readonly start: number,
    readonly end: number,
    readonly step: number,
    public firstSegment: number,
  ) {}

  write(t: number, rec: RollupRecord): void {
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

  timestamps(): number[] {
    return [...this.records.keys()].sort((a, b) => a - b);
  }
}

export type HotChunk = RawHotChunk | RollupHotChunk;
