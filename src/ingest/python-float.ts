/**
 * Numbers as carbon reads them: Python's float() over ASCII bytes, without building a string.
 * Accepts `[sign] digits[.digits][e[sign]digits]`, `.5`, `5.`, digit-separating underscores
 * (`1_000`), and `inf`/`infinity`/`nan` in any case. Anything else is not a number.
 */

/** 10^0 .. 10^22: every one is exact as a double, so m * 10^k and m / 10^k round once. */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** more significant digits than this and the mantissa may not be an exact double */
const MAX_FAST_DIGITS = 15;

/**
 * Parses `buf[start, end)` as Python's float() does; `undefined` when it is not a float.
 * The common decimal forms are computed from the bytes (correctly rounded: an exact mantissa
 * scaled by an exact power of ten); long or extreme ones fall back to Number() on the
 * validated text.
 */
export function parsePythonFloat(buf: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  if (i >= end) return undefined;
  let negative = false;
  let c = buf[i];
  if (c === 0x2d /* - */ || c === 0x2b /* + */) {
    negative = c === 0x2d;
    if (++i >= end) return undefined;
    c = buf[i];
  }
  if (c > 0x39 /* 9 */) return parseSpecial(buf, i, end, negative);

  let mantissa = 0;
  let digits = 0; // significant digits in the mantissa, leading zeros excluded
  let scale = 0; // power of ten the mantissa is multiplied by
  let sawDigit = false;
  let slow = false; // too many digits, or underscores: let Number() do the arithmetic

  // integer part
  for (; i < end; i++) {
    c = buf[i];
    if (c >= 0x30 && c <= 0x39) {
      sawDigit = true;
      if (digits < MAX_FAST_DIGITS) {
        if (mantissa !== 0 || c !== 0x30) {
          mantissa = mantissa * 10 + (c - 0x30);
          digits++;
        }
      } else {
        slow = true;
        scale++;
      }
    } else if (c === 0x5f /* _ */) {
      if (!underscoreBetweenDigits(buf, i, start, end)) return undefined;
      slow = true;
    } else break;
  }
  // fraction
  if (i < end && buf[i] === 0x2e /* . */) {
    i++;
    if (i < end && buf[i] === 0x5f) return undefined; // `1._5`
    for (; i < end; i++) {
      c = buf[i];
      if (c >= 0x30 && c <= 0x39) {
        sawDigit = true;
        if (digits < MAX_FAST_DIGITS) {
          if (mantissa !== 0 || c !== 0x30) {
            mantissa = mantissa * 10 + (c - 0x30);
            digits++;
          }
          scale--;
        } else slow = true;
      } else if (c === 0x5f) {
        if (!underscoreBetweenDigits(buf, i, start, end)) return undefined;
        slow = true;
      } else break;
    }
  }
  if (!sawDigit) return undefined;
  // exponent
  if (i < end) {
    c = buf[i];
    if (c !== 0x65 /* e */ && c !== 0x45 /* E */) return undefined;
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
      expNegative = buf[i] === 0x2d;
      i++;
    }
    if (i >= end || buf[i] === 0x5f) return undefined;
    let exp = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = buf[i];
      if (c >= 0x30 && c <= 0x39) {
        if (exp < 1e6) exp = exp * 10 + (c - 0x30); // beyond this the result is 0 or inf anyway
        expDigits++;
      } else if (c === 0x5f) {
        if (!underscoreBetweenDigits(buf, i, start, end)) return undefined;
        slow = true;
      } else return undefined;
    }
    if (expDigits === 0) return undefined;
    scale += expNegative ? -exp : exp;
  }

  if (!slow && scale >= -22 && scale <= 22) {
    const magnitude = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
    return negative ? -magnitude : magnitude;
  }
  return slowParse(buf, start, end);
}

/** Python allows `_` only between two digits. */
function underscoreBetweenDigits(buf: Uint8Array, i: number, start: number, end: number): boolean {
  return i > start && i + 1 < end && isDigit(buf[i - 1]) && isDigit(buf[i + 1]);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** the text is known to be valid: drop underscores and let Number() round it */
function slowParse(buf: Uint8Array, start: number, end: number): number {
  let text = '';
  for (let i = start; i < end; i++) if (buf[i] !== 0x5f) text += String.fromCharCode(buf[i]);
  return Number(text);
}

/** `inf`, `infinity`, `nan`, case-insensitive, after an optional sign */
function parseSpecial(buf: Uint8Array, i: number, end: number, negative: boolean): number | undefined {
  const n = end - i;
  if (n === 3) {
    if (lowerEquals(buf, i, 'inf')) return negative ? -Infinity : Infinity;
    if (lowerEquals(buf, i, 'nan')) return NaN;
  } else if (n === 8 && lowerEquals(buf, i, 'infinity')) return negative ? -Infinity : Infinity;
  return undefined;
}

function lowerEquals(buf: Uint8Array, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((buf[at + k] | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** Python's float() of a string (JSON and pickle values may come as text): surrounding whitespace allowed. */
export function parsePythonFloatText(text: string): number | undefined {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, 'latin1');
  // a non-ASCII character never belongs to a float we accept
  for (let i = 0; i < trimmed.length; i++) if (trimmed.charCodeAt(i) > 0x7f) return undefined;
  return parsePythonFloat(bytes, 0, bytes.length);
}
