import { RawBuckets, RollupBuckets } from '../../series/buckets.js';
import type { RollupRecord } from '../../series/types.js';
import { ByteWriter, RawChunkEncoder, decodeRawColumns, decodeRawInto, decodeScratch, readChunkHeader } from './chunk-codec.js';

/** Out-of-order overwrites kept beside the encoder before it is rebuilt with them. */
const MAX_PATCHES = 64;
/** Rough bytes of a chunk's own objects, beside its payload, for the hot-bytes budget. */
const CHUNK_OVERHEAD_BYTES = 160;
/** the encoder's columns and stream objects, once it holds a point (measured on Node 20, x64) */
const ENCODER_OVERHEAD_BYTES = 320;
const RECORD_BYTES = 96;

/** a float64 seen as two 32-bit words (the pending value is kept as its bits) */
const F64 = new Float64Array(1);
const WORDS = new Int32Array(F64.buffer);

/**
 * Unflushed points of one series at one raw resolution inside one window [start, end): the
 * chunk is its own Gorilla encoder (one object, not two), appended to as points come. The latest
 * point is held back ("pending") so that a resend into the same bucket (carbon's usual overwrite)
 * replaces it without touching the encoder. A point older than the encoder's last one is an
 * out-of-order overwrite: it goes to a small patch map that wins over the encoder, and the
 * encoder is rebuilt when that map grows.
 *
 * Every field holds a small integer or a reference (the pending value as its two 32-bit words):
 * V8 would box a float field in an object of its own, and there is one of these per series.
 */
export class RawHotChunk extends RawChunkEncoder {
  /** whether a point is pending (the chunk is empty otherwise) */
  private held = false;
  private pendingTs = 0;
  private pendingHi = 0;
  private pendingLo = 0;
  /** earliest bucket time held (meaningful once a point is held) */
  private lowest = 0;
  private patches: Map<number, number> | null = null;
  /**
   * the decoded points of a detached chunk (a flush reads it several times); a hot chunk does not
   * keep them: a flush reads every hot chunk its rollup buckets overlap, and would leave them all
   * decoded until their next write
   */
  private decoded: { times: number[]; values: number[] } | null = null;
  private detached = false;
  /** engine time (seconds) of its last write: when the last point arrived, whatever its timestamp */
  touched = 0;

  constructor(
    start: number,
    readonly end: number,
    step: number,
    /** the oldest write-ahead log segment that may hold one of its points */
    public firstSegment: number,
  ) {
    super(start, step);
  }

  get start(): number {
    return this.windowStart;
  }

  /**
   * A chunk as a clean stop's hot snapshot kept it (src/engine/wal/hot-snapshot.ts): the points
   * before the held one as a finished chunk (`settled`, or null), then the held point, if any.
   */
  static restored(start: number, end: number, step: number, firstSegment: number, touched: number, settled: Uint8Array | null, heldTime: number, heldValue: number): RawHotChunk {
    const c = new RawHotChunk(start, end, step, firstSegment);
    c.touched = touched;
    if (settled !== null) {
      const { times, values } = decodeScratch(readChunkHeader(settled).count);
      const n = decodeRawColumns(settled, times, values);
      for (let k = 0; k < n; k++) c.append(times[k], values[k]);
      if (n > 0) {
        c.held = true;
        c.lowest = times[0];
      }
    }
    if (heldTime === heldTime) {
      if (!c.held) c.lowest = heldTime;
      c.held = true;
      c.hold(heldTime, heldValue);
    }
    return c;
  }

  /**
   * What a snapshot keeps besides the held point, appended to `out`: every earlier point
   * (patches merged) as a finished chunk; nothing when there is none. Without patches, the
   * encoder's own chunk.
   */
  writeSettled(out: ByteWriter): void {
    if (this.patches === null) {
      if (this.count > 0) this.finishInto(out);
      return;
    }
    const { times, values } = this.points();
    const enc = new RawChunkEncoder(this.start, this.step);
    // the last point is the held one, which the snapshot keeps apart
    for (let k = 0; k < times.length - 1; k++) enc.append(times[k], values[k]);
    if (enc.count > 0) enc.finishInto(out);
  }

  /** about the bytes writeSettled() appends (its finished chunk's columns, with room for the frame) */
  get settledBytesEstimate(): number {
    if (this.patches !== null) return 64 + (this.count + this.patches.size) * 18;
    return this.count === 0 ? 0 : 64 + super.byteLength;
  }

  /** the held (latest) point's time, NaN when the chunk is empty */
  get heldTime(): number {
    return this.held ? this.pendingTs : NaN;
  }

  /** the held point's value (meaningful when heldTime is not NaN) */
  get heldValue(): number {
    return this.pendingValue();
  }

  /** `t` is aligned to the step and inside the window. Last write wins. */
  write(t: number, value: number): void {
    if (this.decoded !== null) this.decoded = null;
    this.detached = false;
    if (!this.held) {
      this.held = true;
      this.lowest = t;
      this.hold(t, value);
      return;
    }
    if (t < this.lowest) this.lowest = t;
    const pending = this.pendingTs;
    if (t === pending) {
      this.hold(t, value);
    } else if (t > pending) {
      this.append(pending, this.pendingValue());
      this.hold(t, value);
    } else if (this.count === 0 || t > this.lastTimestamp) {
      // between the encoder's last point and the pending one: still in order for the encoder
      this.append(t, value);
    } else {
      (this.patches ??= new Map()).set(t, value);
      if (this.patches.size > MAX_PATCHES) this.rebuild();
    }
  }

  get isEmpty(): boolean {
    return !this.held;
  }

  /** earliest bucket time held (Infinity when empty) */
  get minTime(): number {
    return this.held ? this.lowest : Infinity;
  }

  /** latest bucket time held: always the pending point */
  get maxTime(): number {
    return this.held ? this.pendingTs : -Infinity;
  }

  /** bytes for the hot-bytes budget: the objects and buffers (the codec's byteLength is the buffers) */
  override get byteLength(): number {
    return CHUNK_OVERHEAD_BYTES + (this.count === 0 ? 0 : ENCODER_OVERHEAD_BYTES + super.byteLength) + (this.patches ? this.patches.size * 48 : 0);
  }

  /** Writes this chunk's points over `dst` where they fall inside it. */
  overlay(dst: RawBuckets): void {
    const { start, step, length } = dst;
    const out = dst.values;
    if (this.patches === null && this.decoded === null) {
      // the common case, every read of a hot series: straight from the columns into dst
      this.decodeOwnOver(dst);
      if (this.held) {
        const i = (this.pendingTs - start) / step;
        if (i >= 0 && i < length) out[i] = this.pendingValue();
      }
      return;
    }
    const { times, values } = this.points();
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

  private hold(t: number, value: number): void {
    F64[0] = value;
    this.pendingTs = t;
    this.pendingLo = WORDS[0];
    this.pendingHi = WORDS[1];
  }

  private pendingValue(): number {
    WORDS[0] = this.pendingLo;
    WORDS[1] = this.pendingHi;
    return F64[0];
  }

  private decode(): { times: number[]; values: number[] } {
    const times: number[] = [];
    const values: number[] = [];
    const n = this.count;
    if (n > 0) {
      const d = decodeScratch(n);
      this.decodeOwnInto(d.times, d.values);
      for (let k = 0; k < n; k++) {
        times.push(d.times[k]);
        values.push(this.patches?.get(d.times[k]) ?? d.values[k]);
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
    if (this.held) {
      times.push(this.pendingTs);
      values.push(this.pendingValue());
    }
    return { times, values };
  }

  private rebuild(): void {
    const b = new RawBuckets(this.start, this.step, (this.end - this.start) / this.step);
    if (this.count > 0) decodeRawInto(this.finish(), b);
    for (const [t, v] of this.patches!) b.values[b.indexOf(t)] = v;
    this.patches = null;
    this.clear();
    for (let i = 0; i < b.length; i++) {
      const v = b.values[i];
      if (v === v) this.append(this.start + i * this.step, v);
    }
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
  /** engine time (seconds) of its last write */
  touched = 0;

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

  get recordCount(): number {
    return this.records.size;
  }

  /** every record with its time, in no particular order */
  entries(): IterableIterator<[number, RollupRecord]> {
    return this.records.entries();
  }
}

export type HotChunk = RawHotChunk | RollupHotChunk;
