import { BitReader } from './bits.js';
import { ChunkFormatError } from './chunk-error.js';
import type { ByteReader, ByteWriter } from './bytes.js';
import { readColumnBits, readOwnBits, writeColumnBits } from './column-io.js';
import { applyCorrection, correctionAt, decimalAt, MAX_CORRECTION, MAX_EXPONENT, POW10, smallestExponent } from './decimal.js';
import { f64, HI, LO, u32 } from './float-bits.js';
import { decodeIntStream, ExceptionList, IntStreamEncoder, MAX_STREAM_INT } from './int-stream.js';
import { decodeXorStream, XorStreamEncoder } from './xor-stream.js';

/**
 * One column of float64 values, in the cheaper of two schemes:
 * - decimal: values that are short decimals (k / 10^e) go through an integer stream as k;
 *   values a few units in the last place off a short decimal (sums of decimals) also carry a
 *   correction, in a second integer stream that exists only once one is needed (mostly zeros,
 *   so nearly free); anything else is kept verbatim as an exception. The exponent e grows when
 *   a value needs more digits and growing is cheap (early in the chunk).
 * - XOR: Gorilla/Chimp float XOR, for data that are not short decimals.
 * A column starts as decimal. Whenever its exceptions reach 4, 8, 16, ... it re-encodes the
 * values so far every way that could help (decimal at the exponent the exceptions want, XOR)
 * and keeps the smallest; once XOR, it stays XOR.
 *
 * In a chunk: a scheme byte (e in 0..22: decimal; e | WITH_CORRECTIONS: decimal with a
 * correction column; XOR_SCHEME), the bits, and the corrections' bits if any.
 */
const XOR_SCHEME = 0x80;
const WITH_CORRECTIONS = 0x40;
const LOG2_10 = Math.log2(10);
/** what one exception costs, in bits: escape, flag and the 64 bits of the value */
const EXCEPTION_BITS = 77;
/** a value off by at most this many units in the last place takes a correction rather than a larger exponent */
const PREFERRED_CORRECTION = 8;

/**
 * One object per column (hot chunks are many): the decimal scheme's state lives in its fields
 * and is swapped whole (rebuild) when the column re-encodes.
 */
export class ValueColumnEncoder {
  count = 0;
  /** decimal scheme: integers (null once XOR) */
  private ints: IntStreamEncoder | null = new IntStreamEncoder();
  /** decimal scheme: one correction per integer, null until the first non-zero one */
  private corr: IntStreamEncoder | null = null;
  private exponent = 0;
  /** integers written (values minus exceptions) */
  private intCount = 0;
  private exceptions = 0;
  /** largest exponent an exception would be decimal at (-1: none) */
  private wantedExponent = -1;
  private nextReview = 4;
  private xor: XorStreamEncoder | null = null;

  get byteCapacity(): number {
    if (this.ints === null) return this.xor!.byteCapacity;
    return this.ints.byteCapacity + (this.corr === null ? 0 : this.corr.byteCapacity);
  }

  append(v: number): void {
    const ints = this.ints;
    if (ints !== null) {
      const p = POW10[this.exponent];
      const k = Math.round(v * p);
      if (k / p === v && k <= MAX_STREAM_INT && k >= -MAX_STREAM_INT && (k !== 0 || 1 / v > 0)) {
        ints.appendInt(k);
        if (this.corr !== null) this.corr.appendInt(0);
        this.intCount++;
      } else this.appendOffScale(v, k);
      this.count++;
      return;
    }
    f64[0] = v;
    this.xor!.append(u32[HI], u32[LO]);
    this.count++;
  }

  writeTo(out: ByteWriter): void {
    if (this.ints === null) {
      out.byte(XOR_SCHEME);
      writeColumnBits(out, this.xor!, false);
      return;
    }
    out.byte(this.corr === null ? this.exponent : this.exponent | WITH_CORRECTIONS);
    writeColumnBits(out, this.ints, this.ints.pendingRunBit);
    if (this.corr !== null) writeColumnBits(out, this.corr, this.corr.pendingRunBit);
  }

  /** A value that is not decimal at the current exponent (k: its rounding there); not counted yet. */
  private appendOffScale(v: number, k: number): void {
    const c = correctionAt(v, k, this.exponent);
    if (c <= PREFERRED_CORRECTION && c >= -PREFERRED_CORRECTION) {
      this.appendCorrected(k, c);
      return;
    }
    const e = smallestExponent(v, this.exponent + 1, PREFERRED_CORRECTION);
    if (e >= 0 && (e - this.exponent) * LOG2_10 * this.count <= EXCEPTION_BITS) {
      // the first value of a column sets its exponent: nothing to re-encode
      if (this.count === 0) this.exponent = e;
      else this.rebuild(this.values(this.count), e);
      this.appendDecided(v);
      return;
    }
    if (!Number.isNaN(c)) this.appendCorrected(k, c);
    else {
      this.appendException(v);
      if (this.exceptions >= this.nextReview) {
        this.nextReview *= 2;
        this.review();
      }
    }
  }

  private appendCorrected(k: number, c: number): void {
    if (this.corr === null) {
      this.corr = new IntStreamEncoder();
      for (let i = 0; i < this.intCount; i++) this.corr.appendInt(0);
    }
    this.ints!.appendInt(k);
    this.corr.appendInt(c);
    this.intCount++;
  }

  private appendException(v: number): void {
    f64[0] = v;
    this.ints!.appendException(u32[HI], u32[LO]);
    this.exceptions++;
    const want = this.exponent < MAX_EXPONENT ? smallestExponent(v, this.exponent + 1, PREFERRED_CORRECTION) : -1;
    if (want > this.wantedExponent) this.wantedExponent = want;
  }

  /** Appends v to the decimal streams with no decision to take: exact, corrected, or an exception. */
  private appendDecided(v: number): void {
    const k = decimalAt(v, this.exponent);
    if (!Number.isNaN(k)) {
      this.ints!.appendInt(k);
      if (this.corr !== null) this.corr.appendInt(0);
      this.intCount++;
      return;
    }
    const kk = Math.round(v * POW10[this.exponent]);
    const c = correctionAt(v, kk, this.exponent);
    if (!Number.isNaN(c)) this.appendCorrected(kk, c);
    else this.appendException(v);
  }

  /** Re-encodes `values` as decimal at exponent e. */
  private rebuild(values: Float64Array, e: number): void {
    this.ints = new IntStreamEncoder(this.ints!.capacity);
    this.corr = null;
    this.exponent = e;
    this.intCount = 0;
    this.exceptions = 0;
    this.wantedExponent = -1;
    for (let i = 0; i < values.length; i++) this.appendDecided(values[i]);
  }

  private get decimalBits(): number {
    return this.ints!.length + (this.corr === null ? 0 : this.corr.length);
  }

  /**
   * Re-encodes the column every way that could be smaller and keeps the smallest. The value
   * just appended is in the streams but not yet in this.count.
   */
  private review(): void {
    const values = this.values(this.count + 1);
    const current = { ints: this.ints, corr: this.corr, exponent: this.exponent, intCount: this.intCount, exceptions: this.exceptions, wanted: this.wantedExponent };
    let bits = this.decimalBits;
    let best = current;
    if (this.wantedExponent > this.exponent) {
      this.rebuild(values, this.wantedExponent);
      if (this.decimalBits < bits) {
        bits = this.decimalBits;
        best = { ints: this.ints, corr: this.corr, exponent: this.exponent, intCount: this.intCount, exceptions: this.exceptions, wanted: this.wantedExponent };
      }
    }
    const xor = new XorStreamEncoder(this.ints!.capacity);
    for (let i = 0; i < values.length; i++) {
      f64[0] = values[i];
      xor.append(u32[HI], u32[LO]);
    }
    if (xor.length < bits) {
      this.xor = xor;
      this.ints = null;
      this.corr = null;
      return;
    }
    this.ints = best.ints;
    this.corr = best.corr;
    this.exponent = best.exponent;
    this.intCount = best.intCount;
    this.exceptions = best.exceptions;
    this.wantedExponent = best.wanted;
  }

  /** Every value so far into out[at, at + count), read from the live encoder (no chunk is made). */
  decodeOwn(out: Float64Array, at: number): void {
    if (this.ints === null) {
      decodeXorStream(readOwnBits(this.xor!, false), this.count, out, at, 'values');
      return;
    }
    const corrections = this.corr === null ? null : readOwnBits(this.corr, this.corr.pendingRunBit, 1);
    decodeDecimal(readOwnBits(this.ints, this.ints.pendingRunBit), corrections, this.exponent, this.count, out, at, 'values');
  }

  /** The first `count` values (decimal scheme). */
  private values(count: number): Float64Array {
    const out = new Float64Array(count);
    const corrections = this.corr === null ? null : readOwnBits(this.corr, this.corr.pendingRunBit, 1);
    decodeDecimal(readOwnBits(this.ints!, this.ints!.pendingRunBit), corrections, this.exponent, count, out, 0, 'values');
    return out;
  }
}

const exceptionScratch = new ExceptionList();
let correctionScratch = new Float64Array(256);

function decodeDecimal(
  reader: BitReader,
  corrections: BitReader | null,
  exponent: number,
  count: number,
  out: Float64Array,
  at: number,
  what: string,
): void {
  const exceptions = exceptionScratch;
  exceptions.clear();
  // k / 10^e as it is decoded (k / 1 === k, and the stream never yields -0)
  decodeIntStream(reader, count, out, at, exceptions, what, POW10[exponent]);
  const end = at + count;
  if (corrections !== null) {
    const ints = count - exceptions.length;
    if (correctionScratch.length < ints) correctionScratch = new Float64Array(Math.max(ints, correctionScratch.length * 2));
    const cs = correctionScratch;
    decodeIntStream(corrections, ints, cs, 0, null, `${what} corrections`);
    const words = new Uint32Array(out.buffer, out.byteOffset, out.length * 2);
    const positions = exceptions.positions;
    let nextException = positions.length > 0 ? positions[0] : -1;
    let x = 0;
    let j = 0;
    for (let i = at; i < end; i++) {
      if (i === nextException) {
        nextException = ++x < positions.length ? positions[x] : -1;
        continue;
      }
      const c = cs[j++];
      if (c !== 0) {
        if (!(c <= MAX_CORRECTION && c >= -MAX_CORRECTION)) throw new ChunkFormatError(`chunk ${what} has a bad correction`);
        applyCorrection(words, i, c);
      }
    }
  }
  exceptions.patch(out);
}

/** Reads a value column into out[at, at + count). */
export function decodeValueColumn(input: ByteReader, count: number, out: Float64Array, at: number, what: string): void {
  const scheme = input.byte(`${what} scheme`);
  if (scheme === XOR_SCHEME) {
    decodeXorStream(readColumnBits(input, what), count, out, at, what);
    return;
  }
  const exponent = scheme & ~WITH_CORRECTIONS;
  if (exponent > MAX_EXPONENT) throw new ChunkFormatError(`chunk ${what} has an unknown scheme ${scheme}`);
  const reader = readColumnBits(input, what);
  if ((scheme & WITH_CORRECTIONS) === 0) {
    decodeDecimal(reader, null, exponent, count, out, at, what);
    return;
  }
  // the two streams share the decode scratch words: the integers get their own copy
  const ints = new BitReader(reader.words.slice(0, (reader.end >>> 5) + 3), reader.end);
  decodeDecimal(ints, readColumnBits(input, `${what} corrections`), exponent, count, out, at, what);
}
