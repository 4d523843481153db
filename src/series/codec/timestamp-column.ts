import { BitReader } from './bits.js';
import { ChunkFormatError } from './chunk-error.js';
import { ByteWriter, type ByteReader } from './bytes.js';
import { readColumnBits, readOwnBits, writeColumnBits } from './column-io.js';
import { decodeIntStream, IntStreamEncoder } from './int-stream.js';

/**
 * Timestamps as offsets from the window start, counted in a unit: the step while every offset
 * is a multiple of it (regular series then cost a few bits per chunk), otherwise the greatest
 * common divisor of the step and every offset (re-encoding what came before, once per change).
 *
 * While the offsets (in units) form an arithmetic progression, as a regular series' do, the
 * column holds only its first term and difference, and its integer stream is made when it is
 * written out (or when a point breaks the progression): same bits, but a hot chunk holds no
 * stream object and appends by one comparison.
 */
export class TimestampColumnEncoder {
  /** null while the offsets are q0, q0 + dq, q0 + 2 dq, ... */
  private ints: IntStreamEncoder | null = null;
  private q0 = 0;
  private dq = 0;
  count = 0;

  constructor(public unit: number) {}

  get byteCapacity(): number {
    return this.ints === null ? 0 : this.ints.byteCapacity;
  }

  /** offset: a non-negative integer, at most MAX_STREAM_INT, not below the previous one. */
  append(offset: number): void {
    let q = Math.round(offset / this.unit);
    if (q * this.unit !== offset) {
      this.changeUnit(gcd(this.unit, offset));
      q = offset / this.unit;
    }
    const n = this.count;
    this.count = n + 1;
    if (this.ints !== null) this.ints.appendInt(q);
    else if (n === 0) this.q0 = q;
    else if (n === 1) this.dq = q - this.q0;
    else if (q !== this.q0 + n * this.dq) this.leaveProgression(n).appendInt(q);
  }

  writeTo(out: ByteWriter): void {
    out.varint(this.unit);
    const ints = this.ints ?? this.progression(this.count);
    writeColumnBits(out, ints, ints.pendingRunBit);
  }

  /**
   * The column's timestamps as absolute seconds into out[at, at + count), read from the live
   * encoder (no chunk is made): a progression is computed, a stream read in place.
   */
  decodeOwn(windowStart: number, out: Float64Array, at: number): void {
    const n = this.count;
    const unit = this.unit;
    if (this.ints === null) {
      for (let i = 0; i < n; i++) out[at + i] = windowStart + (this.q0 + i * this.dq) * unit;
      return;
    }
    decodeIntStream(readOwnBits(this.ints, this.ints.pendingRunBit), n, out, at, null, 'timestamps');
    for (let i = at; i < at + n; i++) out[i] = windowStart + out[i] * unit;
  }

  /**
   * The first timestamp when the column's timestamps are `step` seconds apart (any, for one
   * point); NaN otherwise (or when empty).
   */
  firstIfEvery(windowStart: number, step: number): number {
    if (this.ints !== null || this.count === 0) return NaN;
    return this.count === 1 || this.dq * this.unit === step ? windowStart + this.q0 * this.unit : NaN;
  }

  /** The first n terms of the progression as an integer stream. */
  private progression(n: number): IntStreamEncoder {
    const ints = new IntStreamEncoder();
    for (let i = 0; i < n; i++) ints.appendInt(this.q0 + i * this.dq);
    return ints;
  }

  private leaveProgression(n: number): IntStreamEncoder {
    return (this.ints = this.progression(n));
  }

  private changeUnit(unit: number): void {
    const factor = this.unit / unit;
    this.unit = unit;
    if (this.ints === null) {
      this.q0 *= factor;
      this.dq *= factor;
      return;
    }
    const offsets = new Float64Array(this.count);
    decodeIntStream(readOwnBits(this.ints, this.ints.pendingRunBit), this.count, offsets, 0, null, 'timestamps');
    this.ints = new IntStreamEncoder(this.ints.capacity);
    for (let i = 0; i < offsets.length; i++) this.ints.appendInt(offsets[i] * factor);
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Reads a timestamp column into out[at, at + count) as absolute seconds. */
export function decodeTimestampColumn(input: ByteReader, count: number, windowStart: number, out: Float64Array, at: number): void {
  const unit = input.varint('timestamp unit');
  if (unit < 1) throw new ChunkFormatError('chunk has a zero timestamp unit');
  const reader: BitReader = readColumnBits(input, 'timestamps');
  decodeIntStream(reader, count, out, at, null, 'timestamps');
  const end = at + count;
  let prev = windowStart;
  for (let i = at; i < end; i++) {
    const t = windowStart + out[i] * unit;
    // offsets are never negative nor decreasing; anything else is damage
    if (!(t >= prev)) throw new ChunkFormatError('chunk timestamps are corrupt (out of order)');
    out[i] = t;
    prev = t;
  }
}

/** Columns of regular timestamps kept by skipRegularColumn, by unit, first offset and count (few: most windows are full). */
const regularColumns = new Map<string, Uint8Array>();
const MAX_REGULAR_COLUMNS = 64;

/**
 * When the timestamp column at `input` is, byte for byte, what an encoder writes for the n
 * offsets q0, q0 + step, ... (a regular chunk: the usual case), moves past it and returns
 * true: those bytes can only decode to those timestamps, so a byte compare stands in for the
 * decode. Otherwise leaves `input` where it was and returns false.
 */
export function skipRegularColumn(input: ByteReader, firstOffset: number, step: number, n: number): boolean {
  const key = `${step}:${firstOffset}:${n}`;
  let expected = regularColumns.get(key);
  if (expected === undefined) {
    if (!(n > 0 && firstOffset >= 0 && Number.isSafeInteger(firstOffset + (n - 1) * step) && n <= 1 << 24)) return false;
    const enc = new TimestampColumnEncoder(step);
    for (let k = 0; k < n; k++) enc.append(firstOffset + k * step);
    const out = new ByteWriter(16);
    enc.writeTo(out);
    expected = out.bytes.slice(0, out.length);
    if (regularColumns.size >= MAX_REGULAR_COLUMNS) regularColumns.clear();
    regularColumns.set(key, expected);
  }
  const at = input.pos;
  if (at + expected.length > input.end) return false;
  const bytes = input.bytes;
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  input.pos = at + expected.length;
  return true;
}
