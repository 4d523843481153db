import { GrowingBuffer } from '../../lib/growing-buffer.js';
import { pyFloatRepr } from '../../lib/python-format.js';

/** "00", "01", ... "99" as byte pairs */
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''), 'latin1');

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

  /** `, [` or `[` before a datapoint, then `null, ` when the value is null. */
  pointOpen(first: boolean, isNull: boolean): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    if (!first) {
      buf[pos++] = 0x2c;
      buf[pos++] = 0x20;
    }
    buf[pos++] = 0x5b;
    if (isNull) {
      buf[pos++] = 0x6e;
      buf[pos++] = 0x75;
      buf[pos++] = 0x6c;
      buf[pos++] = 0x6c;
      buf[pos++] = 0x2c;
      buf[pos++] = 0x20;
    }
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
      let m = k;
      if (m < 0) {
        this.buf[this.pos++] = 45;
        m = -m;
      }
      const whole = Math.floor(m / 1000);
      let frac = m - whole * 1000;
      this.int(whole);
      const buf = this.buf;
      buf[this.pos++] = 46;
      if (frac === 0) {
        buf[this.pos++] = 48;
        return;
      }
      const d1 = Math.floor(frac / 100);
      frac -= d1 * 100;
      const d2 = Math.floor(frac / 10);
      const d3 = frac - d2 * 10;
      buf[this.pos++] = 48 + d1;
      if (d2 !== 0 || d3 !== 0) buf[this.pos++] = 48 + d2;
      if (d3 !== 0) buf[this.pos++] = 48 + d3;
      return;
    }
    this.ascii(pyFloatRepr(x));
  }

  /** The bytes written; the writer must not be used afterwards. */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
