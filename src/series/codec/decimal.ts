import { MAX_STREAM_INT } from './int-stream.js';

/**
 * Decimal view of a float64: v is "decimal at exponent e" when k = round(v * 10^e) satisfies
 * k / 10^e === v exactly (the decoder computes just that) and |k| fits the integer stream.
 * -0 is never decimal (an integer has no sign of zero). 10^e is exact for e <= 22.
 */
export const MAX_EXPONENT = 22;
export const POW10: readonly number[] = Array.from({ length: MAX_EXPONENT + 1 }, (_, e) => 10 ** e);

/** k for v at exponent e, or NaN when v is not decimal at e. */
export function decimalAt(v: number, e: number): number {
  const p = POW10[e];
  const k = Math.round(v * p);
  if (k / p === v && k <= MAX_STREAM_INT && k >= -MAX_STREAM_INT && (k !== 0 || 1 / v > 0)) return k;
  return NaN;
}

/** Smallest exponent >= from at which v is decimal, or -1. */
export function smallestExponent(v: number, from: number): number {
  if (v !== v || v === Infinity || v === -Infinity) return -1;
  for (let e = from; e <= MAX_EXPONENT; e++) if (!Number.isNaN(decimalAt(v, e))) return e;
  return -1;
}
