/**
 * Python's `repr()` of scalars and `int(str)`, as they show through in graphite-web's error
 * messages, its /functions signatures and its parameter parsing.
 */
import { pyFloatRepr } from './python-format.js';

/** `repr()` of a Python scalar: None, True/False, an int, a float (`isFloat`, or not whole), a str. */
export function pythonRepr(v: null | undefined | boolean | number | string, isFloat = false): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return isFloat || !Number.isInteger(v) ? pyFloatRepr(v) : String(v);
  return pythonStrRepr(v);
}

/** `repr(s)` of a Python 3 str: single quotes unless the text has ' and no ", escapes as Python's. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f || (cp > 0x7f && !isPrintable(ch))) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out + quote;
}

/** Python's str.isprintable for one non-ASCII character: not Other (C*) or Separator (Z*) */
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;
function isPrintable(ch: string): boolean {
  return !NOT_PRINTABLE.test(ch);
}

function escapeCodePoint(cp: number): string {
  if (cp <= 0xff) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/**
 * Python's `int(text)` in base 10 (surrounding whitespace, a sign and `_` between digits are
 * allowed), or null where Python raises "invalid literal for int() with base 10".
 */
export function parsePythonInt(text: string): number | null {
  if (!PYTHON_INT.test(text)) return null;
  return Number(text.trim().replace(/_/g, ''));
}

/** Python's message for a failed int(text). */
export function invalidIntMessage(text: string): string {
  return `invalid literal for int() with base 10: ${pythonStrRepr(text)}`;
}

/**
 * `urllib.parse.unquote_plus`: `+` becomes a space, then every run of ASCII characters has
 * its %XX escapes turned into bytes and decoded as UTF-8 (invalid bytes become U+FFFD);
 * a `%` not followed by two hex digits stays as it is, and non-ASCII characters are kept.
 */
export function pythonUnquotePlus(s: string): string {
  const text = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  if (!text.includes('%')) return text;
  return text.replace(/[\x00-\x7f]+/g, (run) => (run.includes('%') ? decodeAsciiRun(run) : run));
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const HEX2 = /^[0-9a-fA-F]{2}$/;

function decodeAsciiRun(run: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c === 0x25 && HEX2.test(run.slice(i + 1, i + 3))) {
      bytes.push(parseInt(run.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(c);
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}

/** The characters Python's str.isspace() accepts (str.split() and str.strip() use them). */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`);
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** Python's `s.split()`: words between runs of whitespace, none empty. */
export function pythonSplit(s: string): string[] {
  return s.split(PY_SPACE_RUN).filter((w) => w !== '');
}

/** Python's `s.strip()`. */
export function pythonStrip(s: string): string {
  return s.replace(PY_STRIP, '');
}
