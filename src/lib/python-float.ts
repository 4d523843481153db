/**
 * Python's `repr(float)`, which graphite-web's answers use for every float it writes (JSON,
 * raw, CSV): the shortest digits that round-trip (as JavaScript's), but with Python's layout:
 * always a `.0` on integral values, and exponent notation outside [1e-4, 1e16) with at least
 * two exponent digits (`1e-05`, `1e+16`).
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    // JavaScript writes fixed notation in this whole range, with the same shortest digits
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  // toExponential() with no argument gives the shortest round-trip digits: "d.ddde+N"
  const e = x.toExponential();
  const at = e.indexOf('e');
  const mantissa = e.slice(0, at);
  const exponent = Number(e.slice(at + 1));
  const sign = exponent < 0 ? '-' : '+';
  const digits = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}
