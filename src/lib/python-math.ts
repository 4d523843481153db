/**
 * Python's `%`: the result takes the divisor's sign (JavaScript's takes the dividend's), which
 * graphite-web's and whisper's time alignment rely on for times before a step boundary.
 */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  // a zero takes the divisor's sign too (JavaScript's -6 % 3 is -0)
  if (r === 0) return b < 0 ? -0 : 0;
  return r < 0 !== b < 0 ? r + b : r;
}
