/**
 * Python's repr of a double that lies a few units in the last place off a number with three
 * decimals, written straight into a buffer: the sums, differences and scalings of gauges
 * (1001.2340000000001, 12.659999999999998), which would otherwise take `String(x)` (about
 * 200 ns) and a copy of its characters. graphite-web writes such a double with the shortest
 * digits that read back as it (Python's repr), which here are the three-decimal number plus
 * at most three more significant digits.
 *
 * How: x * 1000 = p + e exactly (Dekker's product; the error e is exact), K = round(p), so
 * x - K / 1000 = t / 1000 with t = (p - K) + e found with one rounding. The number with j more
 * decimals nearest x is c = (K * 10^j + n) / 10^(j + 3) with n = round(t * 10^j), and
 * c - x = (n - t * 10^j) / 10^(j + 3); c reads back as x when that is less than half x's unit
 * in the last place. The shortest candidate that reads back wins; none shorter than 17
 * significant digits means the 17-digit one, which always reads back. Whenever a rounding or a
 * comparison lands too near its edge for t's one rounding to be sure of it (or x is a power of
 * two, whose interval is lopsided), the caller's exact fallback answers instead.
 */

import { f64, HI, LO, u32 } from '../../series/codec/float-bits.js';

const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** 2^27 + 1: splits a double into two halves whose products with 1000 are exact */
const SPLITTER = 134217729;
/** "000" .. "999", three bytes each (the json grid's tables use them too) */
export const DIGITS3 = Uint8Array.from({ length: 3000 }, (_, i) => 48 + (Math.floor(Math.floor(i / 3) / 10 ** (2 - (i % 3))) % 10));
/** half a unit in the last place of a double, by its biased exponent field (a table: `2 ** e` is a call) */
const HALF_ULP = Float64Array.from({ length: 2048 }, (_, field) => 2 ** (field - 1023 - 53));
/** how near its edge a comparison may land before the fallback answers (errors here are below 1e-12) */
const MARGIN = 1e-9;

/** Digits of the whole part 1 <= w < 1e12, minus one (the decimal exponent). */
function exponentOf(w: number): number {
  let e = 0;
  while (e < 11 && w >= POW10[e + 1]) e++;
  return e;
}

/** Whether the exact rounding of y may differ from Math.round(y): y is within 1e-6 of a half. */
function nearHalf(y: number): boolean {
  const f = y - Math.floor(y);
  return f > 0.499999 && f < 0.500001;
}

/**
 * Writes repr(x) at `pos` and returns the position after it, or -1 when x is not such a double
 * (or is one whose digits are not certain here): then nothing is written. `buf` must have 24
 * bytes of room at `pos`. A double that is itself a three-decimal number is left to the caller.
 */
export function writeNearDecimal(buf: Uint8Array, pos: number, x: number): number {
  const neg = x < 0;
  const a = neg ? -x : x;
  if (!(a >= 1 && a < 1e12)) return -1;
  const p = a * 1000;
  const K = Math.round(p);
  // x is itself the double of K / 1000 (an exact test: K < 2^53, and the division is correctly
  // rounded): the caller's three-decimal path writes it
  if (K / 1000 === a) return -1;
  const c = SPLITTER * a;
  const ah = c - (c - a);
  const e = ah * 1000 - p + (a - ah) * 1000;
  const t = p - K + e;
  // 17 significant digits: q decimals past the three
  const q = 13 - exponentOf(Math.floor(a));
  const y = t * POW10[q];
  if (!(y < 1000 && y > -1000)) return -1;
  // half a unit in the last place of a (not a power of two: its interval below is half as wide)
  f64[0] = a;
  const hi = u32[HI];
  if ((hi & 0xfffff) === 0 && u32[LO] === 0) return -1;
  const halfUlp = HALF_ULP[hi >>> 20];
  // fewer decimals first; with fewer than q - 3 more (or with any fewer while |y| is well below 5), the
  // candidate rounds to K / 1000 itself
  const from = y < 4.99 && y > -4.99 ? q : q > 4 ? q - 3 : 1;
  for (let j = from; j < q; j++) {
    const yj = t * POW10[j];
    const n = Math.round(yj);
    if (n === 0) continue;
    if (nearHalf(yj)) return -1;
    const off = Math.abs(n - yj);
    const half = halfUlp * POW10[j + 3];
    if (Math.abs(off - half) <= MARGIN) return -1;
    if (off < half) return writeDecimal(buf, pos, neg, K, n, j);
  }
  const n = Math.round(y);
  if (n === 0 || nearHalf(y)) return -1;
  return writeDecimal(buf, pos, neg, K, n, q);
}

/** Writes (K * 10^j + n) / 10^(j + 3), its trailing zeros dropped; |n| < 10^j. */
function writeDecimal(buf: Uint8Array, pos: number, neg: boolean, K: number, n: number, j: number): number {
  if (n < 0) {
    K -= 1;
    n += POW10[j];
  }
  if (neg) buf[pos++] = 45;
  const whole = Math.floor(K / 1000);
  const f3 = K - whole * 1000;
  pos = writeWhole(buf, pos, whole);
  buf[pos++] = 46;
  pos = writeDigits(buf, pos, f3, 3);
  // j <= 13 more decimals: two runs of 32-bit arithmetic (a double's % is a call)
  if (j > 7) {
    const high = Math.floor(n / 1e7);
    pos = writeDigits(buf, pos, high, j - 7);
    pos = writeDigits(buf, pos, n - high * 1e7, 7);
  } else pos = writeDigits(buf, pos, n, j);
  while (buf[pos - 1] === 48) pos--;
  return pos;
}

/** v < 10^count < 2^31 as exactly `count` digits, zeros in front: three at a time from a table. */
function writeDigits(buf: Uint8Array, pos: number, v: number, count: number): number {
  let rest = v | 0;
  let i = pos + count;
  while (i - pos >= 3) {
    const next = (rest / 1000) | 0;
    const g = (rest - next * 1000) * 3;
    buf[--i] = DIGITS3[g + 2];
    buf[--i] = DIGITS3[g + 1];
    buf[--i] = DIGITS3[g];
    rest = next;
  }
  // one or two digits left: the end of their group
  const g = rest * 3;
  if (i - pos === 2) {
    buf[pos] = DIGITS3[g + 1];
    buf[pos + 1] = DIGITS3[g + 2];
  } else if (i - pos === 1) buf[pos] = DIGITS3[g + 2];
  return pos + count;
}

/** A whole number below 1e12. */
function writeWhole(buf: Uint8Array, pos: number, w: number): number {
  if (w < 1e6) return writeDigits(buf, pos, w, digitsBelowMillion(w));
  const high = Math.floor(w / 1e6);
  pos = writeDigits(buf, pos, high, digitsBelowMillion(high));
  return writeDigits(buf, pos, w - high * 1e6, 6);
}

/** How many digits 0 <= v < 1e6 has (at least one). */
function digitsBelowMillion(v: number): number {
  return v < 10 ? 1 : v < 100 ? 2 : v < 1e3 ? 3 : v < 1e4 ? 4 : v < 1e5 ? 5 : 6;
}
