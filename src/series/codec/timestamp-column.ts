import { BitReader } from './bits.js';
import { ChunkFormatError } from './chunk-error.js';
import type { ByteReader, ByteWriter } from './bytes.js';
import { readColumnBits, readOwnBits, writeColumnBits } from './column-io.js';
import { decodeIntStream, IntStreamEncoder } from './int-stream.js';

/**
 * Timestamps as offsets from the window start, counted in a unit: the step while every offset
 * is a multiple of it (regular series then cost a few bits per chunk), otherwise the greatest
 * common divisor of the step and every offset (re-encoding what came before, once per change).
 */
export class TimestampColumnEncoder {
  private ints = new IntStreamEncoder();
  count = 0;
  /** 1 / unit: dividing by multiplication, checked exactly */
  private inverse: number;

  constructor(public unit: number) {
    this.inverse = 1 / unit;
  }

  get byteCapacity(): number {
    return this.ints.byteCapacity;
  }

  /** offset: a non-negative integer, at most MAX_STREAM_INT, not below the previous one. */
  append(offset: number): void {
    let q = Math.round(offset * this.inverse);
    if (q * this.unit !== offset) {
      this.changeUnit(gcd(this.unit, offset));
      q = offset / this.unit;
    }
    this.ints.appendInt(q);
    this.count++;
  }

  writeTo(out: ByteWriter): void {
    out.varint(this.unit);
    writeColumnBits(out, this.ints, this.ints.pendingRunBit);
  }

  private changeUnit(unit: number): void {
    const offsets = new Float64Array(this.count);
    decodeIntStream(readOwnBits(this.ints, this.ints.pendingRunBit), this.count, offsets, 0, null, 'timestamps');
    const factor = this.unit / unit;
    this.ints = new IntStreamEncoder(this.ints.capacity);
    this.unit = unit;
    this.inverse = 1 / unit;
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
