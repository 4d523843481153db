import { GrowingBuffer } from '../../lib/growing-buffer.js';
import { pyFloatRepr } from '../../lib/python-format.js';

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
const WHOLE_TEXT = new Uint8Array(3000);
const WHOLE_LEN = new Uint8Array(1000);
/** Python's decimals of 0.000..0.999 as written after the whole part: ".0", ".5", ".25", ".125" (4 bytes a slot) */
const FRAC_TEXT = new Uint8Array(4000);
const FRAC_LEN = new Uint8Array(1000);
for (let i = 0; i < 1000; i++) {
  const whole = String(i).padStart(3, '0');
  for (let d = 0; d < 3; d++) WHOLE_TEXT[i * 3 + d] = whole.charCodeAt(d);
  WHOLE_LEN[i] = String(i).length;
  const frac = i === 0 ? '.0' : `.${String(i).padStart(3, '0').replace(/0+$/, '')}`;
  for (let d = 0; d < frac.length; d++) FRAC_TEXT[i * 4 + d] = frac.charCodeAt(d);
  FRAC_LEN[i] = frac.length;
}

/**
 * An ASCII byte buffer that grows, for the render serialisers: numbers are written digit by
 * digit without making strings, which is most of the cost of a large JSON answer.
 */
export class ByteWriter extends GrowingBuffer {
  constructor(initialBytes = 1 << 16) {
    super(initialBytes);
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
   * One datapoint `[value, ` ... `timestamp]` whose timestamp text is 10 digits at `tsAt` of
   * `tsText` (a TimestampText), with `, ` before it unless first: one bounds check, no division
   * for the timestamp. Null values as `null`.
   */
  point(first: boolean, v: number, tsText: Uint8Array, tsAt: number): void {
    this.ensure(64);
    let buf = this.buf;
    let pos = writeOpen(buf, this.pos, first);
    if (v !== v) {
      pos = writeNull(buf, pos);
    } else {
      this.pos = pos;
      if (v === Infinity || v === -Infinity) this.ascii(v > 0 ? '1e9999' : '-1e9999');
      else this.float(v);
      // a long repr may have grown the buffer
      this.ensure(16);
      buf = this.buf;
      pos = this.pos;
    }
    buf[pos++] = 0x2c;
    buf[pos++] = 0x20;
    for (let k = 0; k < 10; k++) buf[pos++] = tsText[tsAt + k];
    buf[pos++] = 0x5d;
    this.pos = pos;
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
    this.ascii(pyFloatRepr(x));
  }

  /** The bytes written; the writer must not be used afterwards. */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
