import { f64, HI, LO, u32 } from './float-bits.js';
import { MAX_STREAM_INT } from './int-stream.js';

/**
 * Decimal view of a float64: v is "decimal at exponent e" when k = round(v * 10^e) satisfies
 * k / 10^e === v exactly (the decoder computes just that) and |k| fits the integer stream.
 * -0 is never decimal (an integer has no sign of zero). 10^e is exact for e <= 22.
 *
 * Values a few units in the last place away from such a decimal (sums of decimals carry
 * rounding errors: 6004.290000000001) are "near-decimal": k plus a small correction, the
 * distance between the bit patterns of v and of k / 10^e.
 */
export const MAX_EXPONENT = 22;
export const POW10: readonly number[] = Array.from({ length: MAX_EXPONENT + 1 }, (_, e) => 10 ** e);
/** the largest correction worth keeping v near-decimal, in units in the last place */
export const MAX_CORRECTION = 64;

/** k for v at exponent e, or NaN when v is not decimal at e. */
export function decimalAt(v: number, e: number): number {
  const p = POW10[e];
  const k = Math.round(v * p);
  if (k / p === v && k <= MAX_STREAM_INT && k >= -MAX_STREAM_INT && (k !== 0 || 1 / v > 0)) return k;
  return NaN;
}

/**
 * Smallest exponent >= from at which v is decimal or within `slack` units in the last place of
 * a decimal, or -1.
 */
export function smallestExponent(v: number, from: number, slack: number): number {
  if (v !== v || v === Infinity || v === -Infinity) return -1;
  for (let e = from; e <= MAX_EXPONENT; e++) {
    if (!Number.isNaN(decimalAt(v, e))) return e;
    const c = correctionAt(v, Math.round(v * POW10[e]), e);
    if (c <= slack && c >= -slack) return e;
  }
  return -1;
}

/**
 * The correction c such that bits(v) = bits(k / 10^e) + c, where k = round(v * 10^e), when
 * |c| <= MAX_CORRECTION and k fits the integer stream; otherwise NaN. (0 when v is decimal.)
 */
export function correctionAt(v: number, k: number, e: number): number {
  if (!(k <= MAX_STREAM_INT && k >= -MAX_STREAM_INT) || k === 0) return NaN;
  f64[0] = v;
  const hv = u32[HI];
  const lv = u32[LO];
  f64[0] = k / POW10[e];
  // same sign and close magnitudes: the difference of the 64-bit patterns is small and exact
  const c = (hv - u32[HI]) * 4294967296 + (lv - u32[LO]);
  return c <= MAX_CORRECTION && c >= -MAX_CORRECTION && c === c ? c : NaN;
}

/** Adds a correction to the bit pattern of words[2i..2i+1] (a float64 seen as two words). */
export function applyCorrection(words: Uint32Array, i: number, c: number): void {
  const lo = words[i * 2 + LO] + c;
  if (lo > 4294967295) {
    words[i * 2 + LO] = lo - 4294967296;
    words[i * 2 + HI] += 1;
  } else if (lo < 0) {
    words[i * 2 + LO] = lo + 4294967296;
    words[i * 2 + HI] -= 1;
  } else words[i * 2 + LO] = lo;
}
