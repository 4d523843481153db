/**
 * Python's printf-style `format % value` with one number as the value, as graphite-web's
 * aliasQuery names a series (`newName % current`): `%d`, `%.2f`, `%g`, `%s`, `%x`, ... with
 * flags, width and precision, and Python's errors for what it refuses (no conversion or two of
 * them for one value, a mapping key, `*`, a float where an int is needed, an unknown type).
 */
import { pyFormatExponent, pyFormatFixed, pyFormatG, pyNumberStr } from './python-format.js';

/** What Python raises for the format (TypeError, ValueError, OverflowError), with its message. */
export class PythonFormatError extends Error {
  override readonly name = 'PythonFormatError';
}

interface Spec {
  flags: string;
  width: number;
  precision: number | undefined;
  type: string;
}

const FLAGS = '#0- +';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * `format % value`; `isInt` says the value is a Python int (a whole number from int data), which
 * `%s` prints without `.0` and `%x`, `%o`, `%c` accept.
 */
export function pyPercentFormat(format: string, value: number, isInt = false): string {
  let out = '';
  let used = false;
  let i = 0;
  while (i < format.length) {
    const c = format[i++];
    if (c !== '%') {
      out += c;
      continue;
    }
    const specStart = i;
    if (i >= format.length) throw new PythonFormatError('incomplete format');
    if (format[i] === '(') throw new PythonFormatError('format requires a mapping');
    let flags = '';
    while (i < format.length && FLAGS.includes(format[i])) flags += format[i++];
    if (format[i] === '*') throw starArgument(value, isInt, 2 ** 63);
    let width = 0;
    while (isDigit(format[i])) width = width * 10 + Number(format[i++]);
    let precision: number | undefined;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') throw starArgument(value, isInt, 2 ** 31);
      precision = 0;
      while (isDigit(format[i])) precision = precision * 10 + Number(format[i++]);
    }
    if (format[i] === 'h' || format[i] === 'l' || format[i] === 'L') i++;
    if (i >= format.length) throw new PythonFormatError('incomplete format');
    const type = format[i++];
    if (type === '%' && i - 1 === specStart) {
      out += '%';
      continue;
    }
    // Python takes the value before it looks at the type
    if (type !== '%' && used) throw new PythonFormatError('not enough arguments for format string');
    used = true;
    if (!'diuoxXeEfFgGcrsa'.includes(type)) {
      const code = type.codePointAt(0)!;
      throw new PythonFormatError(`unsupported format character '${type}' (0x${code.toString(16)}) at index ${i - 1}`);
    }
    out += formatOne({ flags, width, precision, type }, value, isInt);
  }
  if (!used) throw new PythonFormatError('not all arguments converted during string formatting');
  return out;
}

function formatOne(spec: Spec, value: number, isInt: boolean): string {
  switch (spec.type) {
    case 'd':
    case 'i':
    case 'u':
      return formatInteger(spec, toInt(value), 10);
    case 'o':
    case 'x':
    case 'X':
      if (!isInt) throw new PythonFormatError(`%${spec.type} format: an integer is required, not float`);
      return formatInteger(spec, toInt(value), spec.type === 'o' ? 8 : 16);
    case 'c':
      if (!isInt) throw new PythonFormatError('%c requires int or char');
      if (value < 0 || value > 0x10ffff) throw new PythonFormatError('%c arg not in range(0x110000)');
      return pad(spec, '', String.fromCodePoint(value), false);
    case 's':
    case 'r':
    case 'a': {
      const text = pyNumberStr(value, isInt);
      return pad(spec, '', spec.precision === undefined ? text : text.slice(0, spec.precision), false);
    }
    default:
      return formatFloat(spec, value);
  }
}

/**
 * `*` takes the width or precision from the value: an int is used up by it (then none is left to
 * format) unless too large for the C type (`limit`), a float is refused.
 */
function starArgument(value: number, isInt: boolean, limit: number): PythonFormatError {
  if (!isInt) return new PythonFormatError('* wants int');
  if (Math.abs(value) >= limit) return new PythonFormatError(`Python int too large to convert to C ${limit > 2 ** 31 ? 'ssize_t' : 'int'}`);
  return new PythonFormatError('not enough arguments for format string');
}

function toInt(value: number): bigint {
  if (Number.isNaN(value)) throw new PythonFormatError('cannot convert float NaN to integer');
  if (!Number.isFinite(value)) throw new PythonFormatError('cannot convert float infinity to integer');
  return BigInt(Math.trunc(value));
}

function formatInteger(spec: Spec, n: bigint, base: number): string {
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (spec.type === 'X') digits = digits.toUpperCase();
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
  const prefix = spec.flags.includes('#') && base !== 10 ? (base === 8 ? '0o' : spec.type === 'X' ? '0X' : '0x') : '';
  return pad(spec, signOf(spec, negative) + prefix, digits, true);
}

function formatFloat(spec: Spec, value: number): string {
  const alt = spec.flags.includes('#');
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  const p = spec.precision ?? 6;
  const lower = spec.type.toLowerCase();
  let body: string;
  if (!Number.isFinite(abs)) body = Number.isNaN(abs) ? 'nan' : 'inf';
  else if (lower === 'e') body = withPoint(pyFormatExponent(abs, p), alt && p === 0);
  else if (lower === 'f') body = withPoint(pyFormatFixed(abs, p), alt && p === 0);
  else body = alt ? altG(abs, p === 0 ? 1 : p) : pyFormatG(abs, p);
  if (spec.type !== lower) body = body.toUpperCase();
  return pad(spec, signOf(spec, negative && !Number.isNaN(value)), body, true);
}

/** `%#g`: like %g, but trailing zeros and the point are kept */
function altG(abs: number, p: number): string {
  const e = pyFormatExponent(abs, p - 1);
  const exp = Number(e.slice(e.indexOf('e') + 1));
  if (exp < -4 || exp >= p) return withPoint(e, p === 1);
  return withPoint(pyFormatFixed(abs, p - 1 - exp), p - 1 - exp === 0);
}

/** the alternate form's decimal point where no digit follows it */
function withPoint(text: string, add: boolean): string {
  if (!add) return text;
  const e = text.search(/[eE]/);
  return e < 0 ? `${text}.` : `${text.slice(0, e)}.${text.slice(e)}`;
}

function signOf(spec: Spec, negative: boolean): string {
  if (negative) return '-';
  if (spec.flags.includes('+')) return '+';
  if (spec.flags.includes(' ')) return ' ';
  return '';
}

/** to the width: left-justified with `-`, zero-filled after the sign with `0` (numbers only, inf too), else right-justified */
function pad(spec: Spec, sign: string, body: string, zeroFill: boolean): string {
  const fill = spec.width - sign.length - body.length;
  if (fill <= 0) return sign + body;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(fill);
  if (zeroFill && spec.flags.includes('0')) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}
