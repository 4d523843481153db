/**
 * Python's repr() of a float, which graphite-web writes into JSON, raw and CSV answers: the
 * shortest round-trip digits (as JavaScript's), `.0` on integral values, and exponent notation
 * outside [1e-4, 1e16) with a signed exponent of at least two digits (`1e-05`, `1e+16`).
 * On the render hot path: the common cases never leave the first branches.
 */
export function floatRepr(x: number): string {
  if (Number.isInteger(x)) {
    if (x < 1e16 && x > -1e16) return x === 0 && 1 / x < 0 ? '-0.0' : `${x}.0`;
  } else {
    const abs = x < 0 ? -x : x;
    if (abs >= 1e-4 && abs < 1e16) return String(x);
    if (x !== x) return 'nan';
    if (abs === Infinity) return x > 0 ? 'inf' : '-inf';
  }
  const e = x.toExponential();
  const at = e.indexOf('e');
  const exp = Number(e.slice(at + 1));
  const digits = exp < 0 ? -exp : exp;
  return `${e.slice(0, at)}e${exp < 0 ? '-' : '+'}${digits < 10 ? '0' : ''}${digits}`;
}

/** A value as graphite-web's JSON writes it: NaN (null) as null, infinities as ±1e9999. */
export function jsonValue(x: number): string {
  if (x !== x) return 'null';
  if (x === Infinity) return '1e9999';
  if (x === -Infinity) return '-1e9999';
  return floatRepr(x);
}

/** A value as Python's repr writes an element of a list of floats and Nones (the raw format). */
export function reprOrNone(x: number): string {
  return x !== x ? 'None' : floatRepr(x);
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;

/** A JSON string as Python's json.dumps writes it (ensure_ascii: non-ASCII as \uXXXX). */
export function jsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}
