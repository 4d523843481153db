/**
 * Python's ways of turning a number into text, which graphite-web puts into its answers and
 * into series names and tags: `str(x)`/`repr(x)` (shortest round-trip digits, `5.0`, `1e-05`),
 * `'%g' % x`, `'%.Nf' % x` and `round(x, n)` (correctly rounded, ties to even). JavaScript's own
 * conversions differ in the exponent thresholds, the `.0` of integral values, and the rounding
 * of exact ties. (Python's json.dumps text is in python-json.ts.)
 */

/**
 * Python's `repr(float)` (also `str(float)`, and `'%s' % float`), which graphite-web writes for
 * every float in its JSON, raw and CSV answers: the shortest round-trip digits (as
 * JavaScript's), `.0` on integral values, and exponent notation outside [1e-4, 1e16) with a
 * signed exponent of at least two digits (`1e-05`, `1e+16`). On the render hot path: the
 * common cases never leave the first branches.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isInteger(x)) {
    if (x < 1e16 && x > -1e16) return x === 0 && 1 / x < 0 ? '-0.0' : `${x}.0`;
  } else {
    const abs = x < 0 ? -x : x;
    if (abs >= 1e-4 && abs < 1e16) return String(x);
    if (x !== x) return 'nan';
    if (abs === Infinity) return x > 0 ? 'inf' : '-inf';
  }
  // toExponential() with no argument gives the shortest round-trip digits: "d.ddde+N"
  const e = x.toExponential();
  const at = e.indexOf('e');
  const exp = Number(e.slice(at + 1));
  const digits = exp < 0 ? -exp : exp;
  return `${e.slice(0, at)}e${exp < 0 ? '-' : '+'}${digits < 10 ? '0' : ''}${digits}`;
}

/** Python's `str()` of a number that may be an int (whole and not from a float context) or a float. */
export function pyNumberStr(x: number, isInt: boolean): string {
  return isInt && Number.isInteger(x) ? String(x) : pyFloatRepr(x);
}

/** Python's `'%g' % x`: 6 significant digits, trailing zeros dropped, exponent from 1e-05 and 1e+06. */
export function pyFormatG(x: number, precision = 6): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const p = precision === 0 ? 1 : precision;
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = roundSignificant(exactDecimal(Math.abs(x)), p);
  if (exp < -4 || exp >= p) {
    const trimmed = digits.replace(/0+$/, '');
    const m = trimmed.length > 1 ? `${trimmed[0]}.${trimmed.slice(1)}` : trimmed;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  let text = placePoint(digits, exp + 1, false);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return sign + text;
}

/**
 * Python's `'%.Ne' % x`: one digit before the point and `precision` after it (the exact binary
 * value rounded half-to-even, where JavaScript's toExponential rounds exact halves up), then a
 * signed exponent of at least two digits.
 */
export function pyFormatExponent(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const { digits, exp } = x === 0 ? { digits: '0'.repeat(precision + 1), exp: 0 } : roundSignificant(exactDecimal(Math.abs(x)), precision + 1);
  const mantissa = precision > 0 ? `${digits[0]}.${digits.slice(1)}` : digits[0];
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Python's `round(x, ndigits)` for a float: the exact binary value rounded half-to-even. */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  // toFixed rounds the exact binary value too, but a tie away from zero: use it unless x is a
  // tie, which is when x * 2 * 10^n is an odd integer, i.e. x * 2^(n+1) is (10^n = 2^n * 5^n)
  if (Number.isInteger(ndigits) && ndigits >= 0 && ndigits <= 100 && Math.abs(x) < 1e21) {
    const scaled = x * 2 ** (ndigits + 1);
    if (!(Number.isInteger(scaled) && scaled % 2 !== 0)) return Number(x.toFixed(ndigits));
  }
  const { digits, exp } = exactDecimal(Math.abs(x));
  // keep the digits down to 10^-ndigits: that is exp + 1 + ndigits significant digits
  const keep = exp + 1 + ndigits;
  if (keep >= digits.length) return x;
  let rounded: { digits: string; exp: number };
  if (keep < 0) return x < 0 ? -0 : 0;
  if (keep === 0) {
    // only the half-way test against 0.5 * 10^-ndigits decides
    const half = digits[0] > '5' || (digits[0] === '5' && /[1-9]/.test(digits.slice(1)));
    rounded = half ? { digits: '1', exp: exp + 1 } : { digits: '0', exp };
  } else {
    rounded = roundSignificant({ digits, exp }, keep);
  }
  const value = Number(`${rounded.digits[0]}.${rounded.digits.slice(1) || '0'}e${rounded.exp}`);
  return x < 0 ? -value : value;
}

interface Decimal {
  /** significant digits, the first one non-zero */
  digits: string;
  /** decimal exponent of the first digit */
  exp: number;
}

/**
 * The decimal expansion of a positive finite double: exact for integers and for every double
 * whose expansion has at most 101 significant digits (all above ~1e-20 that are not integers
 * beyond 2^53); the spec makes toExponential pick the closest n digits, so beyond that the
 * digits are the exactly rounded ones, which is all half-way tests need.
 */
function exactDecimal(x: number): Decimal {
  if (Number.isInteger(x)) {
    const text = BigInt(x).toString();
    return { digits: text.replace(/0+$/, '') || '0', exp: text.length - 1 };
  }
  const [mantissa, expText] = x.toExponential(100).split('e');
  return { digits: mantissa.replace('.', '').replace(/0+$/, ''), exp: Number(expText) };
}

/** Rounds to `n` significant digits, ties to even; the result has exactly `n` digits. */
function roundSignificant(d: Decimal, n: number): Decimal {
  if (d.digits.length <= n) return { digits: d.digits.padEnd(n, '0'), exp: d.exp };
  const head = d.digits.slice(0, n);
  const next = d.digits[n];
  const rest = d.digits.slice(n + 1);
  const lastDigitOdd = Number(head[head.length - 1]) % 2 === 1;
  const up = next > '5' || (next === '5' && (/[1-9]/.test(rest) || lastDigitOdd));
  if (!up) return { digits: head, exp: d.exp };
  const bumped = (BigInt(head) + 1n).toString();
  if (bumped.length > n) return { digits: bumped.slice(0, n), exp: d.exp + 1 };
  return { digits: bumped, exp: d.exp };
}

/** Digits with the decimal point after `pointPos` of them (may be <= 0 or past the end). */
function placePoint(digits: string, pointPos: number, addDotZero: boolean): string {
  if (pointPos <= 0) return `0.${'0'.repeat(-pointPos)}${digits}`;
  if (pointPos >= digits.length) return digits + '0'.repeat(pointPos - digits.length) + (addDotZero ? '.0' : '');
  return `${digits.slice(0, pointPos)}.${digits.slice(pointPos)}`;
}

/** Python's `'%.Nf' % x`: fixed point, the exact binary value rounded half-to-even. */
export function pyFormatFixed(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const r = pyRound(x, precision);
  const a = Math.abs(r);
  // toFixed switches to exponent notation from 1e21; such doubles are integers
  const text = a >= 1e21 ? BigInt(a).toString() + (precision > 0 ? '.' + '0'.repeat(precision) : '') : a.toFixed(precision);
  return (x < 0 || Object.is(x, -0) ? '-' : '') + text;
}
