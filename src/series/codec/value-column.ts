import { BitReader, BitWriter, ChunkFormatError } from './bits.js';
import type { ByteReader, ByteWriter } from './bytes.js';
import { readColumnBits, readOwnBits, writeColumnBits } from './column-io.js';
import { decimalAt, MAX_EXPONENT, POW10, smallestExponent } from './decimal.js';
import { f64, HI, LO, u32 } from './float-bits.js';
import { decodeIntStream, ExceptionList, IntStreamEncoder, MAX_STREAM_INT } from './int-stream.js';
import { decodeXorStream, XorStreamEncoder } from './xor-stream.js';

/**
 * One column of float64 values, in the cheaper of two schemes:
 * - decimal: values that are short decimals (k / 10^e) go through the integer stream as k;
 *   the rest are kept verbatim as exceptions. The exponent e grows when a value needs more
 *   digits and growing is cheap (early in the chunk), otherwise such values are exceptions.
 * - XOR: Gorilla/Chimp float XOR, for data that are not short decimals.
 * A column starts as decimal. Whenever its exceptions reach 4, 8, 16, ... it re-encodes the
 * values so far every way that could help (decimal at the exponent the exceptions want, XOR)
 * and keeps the smallest; once XOR, it stays XOR.
 *
 * In a chunk: one scheme byte (0..22: decimal at that exponent; XOR_SCHEME: XOR), then the bits.
 */
const XOR_SCHEME = 0x80;
const LOG2_10 = Math.log2(10);
/** what one exception costs, in bits: escape, flag and the 64 bits of the value */
const EXCEPTION_BITS = 85;

export class ValueColumnEncoder {
  private bits = new BitWriter(2);
  private ints: IntStreamEncoder | null = new IntStreamEncoder(this.bits);
  private xor: XorStreamEncoder | null = null;
  private exponent = 0;
  count = 0;
  private exceptions = 0;
  /** largest exponent an exception would fit at (-1: none fits any) */
  private wantedExponent = -1;
  private nextReview = 4;

  get byteCapacity(): number {
    return this.bits.byteCapacity;
  }

  append(v: number): void {
    const ints = this.ints;
    if (ints !== null) {
      const p = POW10[this.exponent];
      const k = Math.round(v * p);
      if (k / p === v && k <= MAX_STREAM_INT && k >= -MAX_STREAM_INT && (k !== 0 || 1 / v > 0)) {
        ints.appendInt(k);
        this.count++;
      } else this.appendOffScale(v);
      return;
    }
    f64[0] = v;
    this.xor!.append(u32[HI], u32[LO]);
    this.count++;
  }

  writeTo(out: ByteWriter): void {
    out.byte(this.ints !== null ? this.exponent : XOR_SCHEME);
    writeColumnBits(out, this.bits, this.ints !== null && this.ints.pendingRunBit);
  }

  /** A value that is not decimal at the current exponent. */
  private appendOffScale(v: number): void {
    const e = smallestExponent(v, this.exponent + 1);
    if (e >= 0 && (e - this.exponent) * LOG2_10 * this.count <= EXCEPTION_BITS) {
      this.rebuild(this.values(), e);
      this.append(v);
      return;
    }
    f64[0] = v;
    this.ints!.appendException(u32[HI], u32[LO]);
    this.count++;
    this.exceptions++;
    if (e > this.wantedExponent) this.wantedExponent = e;
    if (this.exceptions >= this.nextReview) {
      this.nextReview *= 2;
      this.review();
    }
  }

  /** Re-encodes the column every way that could be smaller and keeps the smallest. */
  private review(): void {
    const values = this.values();
    const current = { bits: this.bits, ints: this.ints, exponent: this.exponent, exceptions: this.exceptions, wanted: this.wantedExponent };
    let best = current.bits.length;
    let choice: 'current' | 'decimal' | 'xor' = 'current';
    if (this.wantedExponent > this.exponent) {
      this.rebuild(values, this.wantedExponent);
      if (this.bits.length < best) {
        best = this.bits.length;
        choice = 'decimal';
      }
    }
    const decimal = { bits: this.bits, ints: this.ints, exponent: this.exponent, exceptions: this.exceptions, wanted: this.wantedExponent };
    const xorBits = new BitWriter(this.bits.words.length);
    const xor = new XorStreamEncoder(xorBits);
    for (let i = 0; i < values.length; i++) {
      f64[0] = values[i];
      xor.append(u32[HI], u32[LO]);
    }
    if (xorBits.length < best) choice = 'xor';
    const keep = choice === 'current' ? current : decimal;
    if (choice === 'xor') {
      this.bits = xorBits;
      this.ints = null;
      this.xor = xor;
      return;
    }
    this.bits = keep.bits;
    this.ints = keep.ints;
    this.exponent = keep.exponent;
    this.exceptions = keep.exceptions;
    this.wantedExponent = keep.wanted;
  }

  /** Re-encodes `values` as decimal at exponent e (no decisions: what does not fit is an exception). */
  private rebuild(values: Float64Array, e: number): void {
    this.bits = new BitWriter(this.bits.words.length);
    const ints = new IntStreamEncoder(this.bits);
    this.ints = ints;
    this.exponent = e;
    this.exceptions = 0;
    this.wantedExponent = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const k = decimalAt(v, e);
      if (!Number.isNaN(k)) ints.appendInt(k);
      else {
        f64[0] = v;
        ints.appendException(u32[HI], u32[LO]);
        this.exceptions++;
        const want = e < MAX_EXPONENT ? smallestExponent(v, e + 1) : -1;
        if (want > this.wantedExponent) this.wantedExponent = want;
      }
    }
  }

  /** The values so far (decimal scheme only). */
  private values(): Float64Array {
    const out = new Float64Array(this.count);
    decodeDecimal(readOwnBits(this.bits, this.ints!.pendingRunBit), this.exponent, this.count, out, 0, 'values');
    return out;
  }
}

const exceptionScratch = new ExceptionList();

function decodeDecimal(reader: BitReader, exponent: number, count: number, out: Float64Array, at: number, what: string): void {
  const exceptions = exceptionScratch;
  exceptions.clear();
  decodeIntStream(reader, count, out, at, exceptions, what);
  const end = at + count;
  if (exponent === 0) {
    // k / 1 === k, and the stream never yields -0
  } else {
    const p = POW10[exponent];
    for (let i = at; i < end; i++) out[i] = out[i] / p;
  }
  exceptions.patch(out);
}

/** Reads a value column into out[at, at + count). */
export function decodeValueColumn(input: ByteReader, count: number, out: Float64Array, at: number, what: string): void {
  const scheme = input.byte(`${what} scheme`);
  if (scheme !== XOR_SCHEME && scheme > MAX_EXPONENT) throw new ChunkFormatError(`chunk ${what} has an unknown scheme ${scheme}`);
  const reader = readColumnBits(input, what);
  if (scheme === XOR_SCHEME) decodeXorStream(reader, count, out, at, what);
  else decodeDecimal(reader, scheme, count, out, at, what);
}
