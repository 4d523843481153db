import { GrowingBuffer } from '../../lib/growing-buffer.js';
import type { ByteBuffers } from '../../lib/value-pool.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import { DIGITS3, writeNearDecimal } from './near-decimal.js';

/** "00", "01", ... "99" as byte pairs */
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''), 'latin1');

/** `[`, after `, ` unless first, at pos; returns the position after it */
function writeOpen(buf: Buffer, pos: number, first: boolean): number {
  if (!first) {
    buf[pos++] = 0x2c;
    buf[pos++] = 0x20;
  }
  buf[pos] = 0x5b;
  return pos + 1;
}

/** `null` at pos; returns the position after it */
function writeNull(buf: Buffer, pos: number): number {
  buf[pos] = 0x6e;
  buf[pos + 1] = 0x75;
  buf[pos + 2] = 0x6c;
  buf[pos + 3] = 0x6c;
  return pos + 4;
}

/** 0..999 as three digits each (WHOLE_LEN: how many of the last ones the number uses) */
const WHOLE_TEXT = DIGITS3;
const WHOLE_LEN = new Uint8Array(1000);
/** Python's decimals of 0.000..0.999 as written after the whole part: ".0", ".5", ".25", ".125" (4 bytes a slot) */
const FRAC_TEXT = new Uint8Array(4000);
const FRAC_LEN = new Uint8Array(1000);
/** The same texts as little-endian words, for one 4-byte store each: 0..999 ("7", "42", "999") and ".0".."999" */
const WHOLE_WORD = new Uint32Array(1000);
const FRAC_WORD = new Uint32Array(1000);
/** "000".."999" as little-endian words (three bytes used): the thousands after a whole part's first digits */
const PAD3_WORD = new Uint32Array(1000);
/** `null` as a little-endian word */
const NULL_WORD = 0x6c6c756e;

/** Bytes as one little-endian word (at most 4; missing bytes are 0). */
function wordOf(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w |= text.charCodeAt(i) << (8 * i);
  return w >>> 0;
}

for (let i = 0; i < 1000; i++) {
  const whole = String(i).padStart(3, '0');
  WHOLE_LEN[i] = String(i).length;
  WHOLE_WORD[i] = wordOf(String(i));
  PAD3_WORD[i] = wordOf(whole);
  const frac = i === 0 ? '.0' : `.${String(i).padStart(3, '0').replace(/0+$/, '')}`;
  for (let d = 0; d < frac.length; d++) FRAC_TEXT[i * 4 + d] = frac.charCodeAt(d);
  FRAC_LEN[i] = frac.length;
  FRAC_WORD[i] = wordOf(frac);
}

/** What gridPoints writes after each value: `, ` + a 10-digit timestamp + `], [`, 16 bytes. */
export const TRAILER_BYTES = 16;

/**
 * The text that follows each datapoint's value on a time grid: `, <timestamp>], [` (the end of
 * the point and the start of the next one), 16 bytes a point kept as four little-endian words,
 * so that a point's fixed text is four stores. Made once per answer and grid (the series of an
 * answer mostly share one). Only for grids whose timestamps all have 10 digits (2001 to 2286):
 * null otherwise.
 */
export function gridTrailers(start: number, stride: number, count: number): Uint32Array | null {
  const last = start + (count - 1) * stride;
  if (!(count > 0 && start >= 1e9 && last < 1e10 && stride > 0 && Number.isInteger(start) && Number.isInteger(stride))) return null;
  const words = new Uint32Array(count * 4);
  // a timestamp's digits are 2 + 4 + 4, each group one table lookup; the first two words change
  // only every 10^4 seconds
  let high = -1;
  let w0 = 0;
  let w1 = 0;
  for (let i = 0, t = start; i < count; i++, t += stride) {
    const h = Math.floor(t / 10000);
    if (h !== high) {
      high = h;
      const top = Math.floor(h / 10000);
      w0 = TRAILER_HEAD_WORD[top];
      w1 = FOUR_DIGIT_WORD[h - top * 10000];
    }
    const o = i << 2;
    words[o] = w0;
    words[o + 1] = w1;
    words[o + 2] = FOUR_DIGIT_WORD[t - h * 10000];
    words[o + 3] = TRAILER_TAIL_WORD;
  }
  return words;
}

/** 0000..9999 as four digits in a little-endian word */
const FOUR_DIGIT_WORD = Uint32Array.from({ length: 10000 }, (_, i) => wordOf(String(i).padStart(4, '0')));
/** `, ` and the two first digits of a timestamp (10..99) as a word */
const TRAILER_HEAD_WORD = Uint32Array.from({ length: 100 }, (_, i) => wordOf(`, ${String(i).padStart(2, '0')}`));
/** `], [` as a word */
const TRAILER_TAIL_WORD = wordOf('], [');

/** Room gridPoints keeps for one point: the longest float repr (24 bytes), a trailer, and a word's overshoot. */
const GRID_POINT_ROOM = 48;

/**
 * An ASCII byte buffer that grows, for the render serialisers: numbers are written digit by
 * digit without making strings, which is most of the cost of a large JSON answer.
 */
export class ByteWriter extends GrowingBuffer {
  constructor(initialBytes = 1 << 16, lender?: ByteBuffers) {
    super(initialBytes, lender);
  }

  /** A string known to be ASCII (JSON-escaped names, fixed punctuation). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    if (n > 32) {
      this.pos += this.buf.write(s, this.pos, 'latin1');
      return;
    }
    // Buffer.write costs more than the copy for the short strings that dominate
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** Any string, as UTF-8 (names in text formats). */
  utf8(s: string): void {
    this.ensure(Buffer.byteLength(s, 'utf8'));
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** `, [` or `[` before a datapoint, then `null, ` when the value is null. */
  pointOpen(first: boolean, isNull: boolean): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = writeOpen(buf, this.pos, first);
    if (isNull) {
      pos = writeNull(buf, pos);
      buf[pos++] = 0x2c;
      buf[pos++] = 0x20;
    }
    this.pos = pos;
  }

  /**
   * Datapoints [from, to) of `values` on a grid (`trailers` from gridTrailers, indexed like
   * `values`) between gridOpen and gridClose: each point is its value then its trailer, nulls
   * as `null` or left out with `skipNulls`. Returns how many points were written. The common
   * values (|x| < 1000 with at most three decimals) are written as word stores from tables;
   * others through float().
   */
  gridPoints(values: Float64Array, from: number, to: number, trailers: Uint32Array, skipNulls: boolean): number {
    this.ensure(GRID_POINT_ROOM * 64);
    let buf = this.buf;
    let view = this.view;
    let limit = buf.length - GRID_POINT_ROOM;
    let pos = this.pos;
    let written = 0;
    for (let i = from; i < to; i++) {
      if (pos > limit) {
        this.pos = pos;
        this.ensure(GRID_POINT_ROOM * 64);
        buf = this.buf;
        view = this.view;
        limit = buf.length - GRID_POINT_ROOM;
      }
      const x = values[i];
      if (x !== x) {
        if (skipNulls) continue;
        view.setUint32(pos, NULL_WORD, true);
        pos += 4;
      } else {
        let k = Math.round(x * 1000);
        if (k / 1000 === x && k < 1e6 && k > -1e6 && !(x === 0 && 1 / x < 0)) {
          if (k < 0) {
            buf[pos++] = 45;
            k = -k;
          }
          const whole = (k / 1000) | 0;
          const frac = k - whole * 1000;
          view.setUint32(pos, WHOLE_WORD[whole], true);
          pos += WHOLE_LEN[whole];
          view.setUint32(pos, FRAC_WORD[frac], true);
          pos += FRAC_LEN[frac];
        } else if (k / 1000 === x && k < 1e9 && k > -1e9 && x !== 0) {
          // whole parts to 999,999 (sums of gauges): two table words, then the decimals
          if (k < 0) {
            buf[pos++] = 45;
            k = -k;
          }
          const whole = (k / 1000) | 0;
          const frac = k - whole * 1000;
          const high = (whole / 1000) | 0;
          const low = whole - high * 1000;
          view.setUint32(pos, WHOLE_WORD[high], true);
          pos += WHOLE_LEN[high];
          view.setUint32(pos, PAD3_WORD[low], true);
          pos += 3;
          view.setUint32(pos, FRAC_WORD[frac], true);
          pos += FRAC_LEN[frac];
        } else if ((k = writeNearDecimal(buf, pos, x)) >= 0) {
          // a few units in the last place off three decimals (see near-decimal.ts)
          pos = k;
        } else {
          this.pos = pos;
          if (x === Infinity || x === -Infinity) this.ascii(x > 0 ? '1e9999' : '-1e9999');
          else this.float(x);
          this.ensure(GRID_POINT_ROOM);
          buf = this.buf;
          view = this.view;
          limit = buf.length - GRID_POINT_ROOM;
          pos = this.pos;
        }
      }
      const t = i << 2;
      view.setUint32(pos, trailers[t], true);
      view.setUint32(pos + 4, trailers[t + 1], true);
      view.setUint32(pos + 8, trailers[t + 2], true);
      view.setUint32(pos + 12, trailers[t + 3], true);
      pos += TRAILER_BYTES;
      written++;
    }
    this.pos = pos;
    return written;
  }

  /** Before a series' gridPoints: the `[` of its first point. */
  gridOpen(): void {
    this.byte(0x5b);
  }

  /** After a series' gridPoints: takes back the `, [` after its last point (or the `[` when it wrote none). */
  gridClose(written: number): void {
    this.pos -= written === 0 ? 1 : 3;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** A whole number of at most 2^53. */
  int(n: number): void {
    this.ensure(24);
    const buf = this.buf;
    if (n < 0) {
      buf[this.pos++] = 45;
      n = -n;
    }
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    if (n > 0x7fffffff) {
      this.ascii(String(n));
      return;
    }
    // 32-bit integer arithmetic and two digits per division: timestamps are most of the numbers
    const digits = n < 100 ? 2 : n < 1e3 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
    let i = this.pos + digits;
    this.pos = i;
    while (n >= 100) {
      const q = (n / 100) | 0;
      const r = (n - q * 100) << 1;
      buf[--i] = DIGIT_PAIRS[r + 1];
      buf[--i] = DIGIT_PAIRS[r];
      n = q;
    }
    if (n >= 10) {
      buf[--i] = DIGIT_PAIRS[(n << 1) + 1];
      buf[--i] = DIGIT_PAIRS[n << 1];
    } else buf[--i] = 48 + n;
  }

  /**
   * Python's repr of a float. Values with at most three decimals (most gauges) are written
   * digit by digit: such a decimal is the shortest text that reads back as the same double
   * while |x| < 1e12, since two multiples of 0.001 are further apart than a double's spacing.
   * Values a few units in the last place off them (their sums) are written by near-decimal.ts.
   */
  float(x: number): void {
    const k = Math.round(x * 1000);
    if (k / 1000 === x && x < 1e12 && x > -1e12 && !(x === 0 && 1 / x < 0)) {
      this.ensure(24);
      const buf = this.buf;
      let m = k;
      if (m < 0) {
        buf[this.pos++] = 45;
        m = -m;
      }
      const whole = Math.floor(m / 1000);
      const frac = m - whole * 1000;
      if (whole < 1000) {
        // small gauges: whole part and decimals from tables, no division per digit
        let pos = this.pos;
        const w = whole * 3;
        const wl = WHOLE_LEN[whole];
        for (let d = 3 - wl; d < 3; d++) buf[pos++] = WHOLE_TEXT[w + d];
        this.pos = pos;
      } else this.int(whole);
      let pos = this.pos;
      const f = frac << 2;
      const fl = FRAC_LEN[frac];
      for (let d = 0; d < fl; d++) buf[pos++] = FRAC_TEXT[f + d];
      this.pos = pos;
      return;
    }
    this.ensure(24);
    // a few units in the last place off three decimals (sums of gauges): digits without a string
    const end = writeNearDecimal(this.buf, this.pos, x);
    if (end >= 0) this.pos = end;
    else this.ascii(pyFloatRepr(x));
  }

  /** The bytes written; the writer must not be used afterwards. */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
