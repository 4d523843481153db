import { pyFloatRepr } from './python-format.js';

/**
 * JSON text byte for byte as Python's `json.dumps` writes it, which is what graphite-web
 * answers: `", "` and `": "` separators (`","` with an indent), non-ASCII escaped as `\uXXXX`
 * when `ensureAscii` (the default there), floats in Python's repr.
 *
 * Values: null/undefined -> null, booleans, strings, numbers (integral ones written as ints,
 * others as floats; wrap in PyFloat to force a float such as `5.0`), arrays, Maps (key order
 * kept even for numeric keys, unlike plain objects) and plain objects.
 */
export interface PythonJsonOptions {
  /** escape every character outside printable ASCII (Python's default) */
  ensureAscii?: boolean;
  /** spaces per nesting level; none writes everything on one line */
  indent?: number;
}

/** A number that Python holds as a float, so `5` is written `5.0`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PythonJsonValue =
  | null
  | undefined
  | boolean
  | number
  | string
  | PyFloat
  | readonly PythonJsonValue[]
  | ReadonlyMap<string, PythonJsonValue>
  | { readonly [key: string]: PythonJsonValue };

export function pythonJsonDumps(value: PythonJsonValue, options: PythonJsonOptions = {}): string {
  const quote = options.ensureAscii === false ? quoteUnicode : quoteAscii;
  const indent = options.indent;
  if (indent === undefined) return writeFlat(value, quote);
  return writeIndented(value, quote, ' '.repeat(indent), '\n');
}

export type Quote = (s: string) => string;

function writeFlat(value: PythonJsonValue, quote: Quote): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return jsonNumber(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof PyFloat) return jsonFloat(value.value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ', ') + writeFlat(value[i], quote);
    return out + ']';
  }
  if (!(value instanceof Map)) return writeFlatObject(value as { readonly [key: string]: PythonJsonValue }, quote);
  let out = '{';
  let first = true;
  for (const [k, v] of (value as ReadonlyMap<string, PythonJsonValue>).entries()) {
    out += (first ? '' : ', ') + quote(k) + ': ' + writeFlat(v, quote);
    first = false;
  }
  return out + '}';
}

function writeIndented(value: PythonJsonValue, quote: Quote, unit: string, newline: string): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return jsonNumber(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof PyFloat) return jsonFloat(value.value);
  const inner = newline + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + inner + writeIndented(value[i], quote, unit, inner);
    return out + newline + ']';
  }
  let out = '{';
  let first = true;
  for (const [k, v] of entries(value as ReadonlyMap<string, PythonJsonValue>)) {
    out += (first ? '' : ',') + inner + quote(k) + ': ' + writeIndented(v, quote, unit, inner);
    first = false;
  }
  return first ? '{}' : out + newline + '}';
}

function entries(value: ReadonlyMap<string, PythonJsonValue> | { readonly [key: string]: PythonJsonValue }): Iterable<[string, PythonJsonValue]> {
  return value instanceof Map ? value.entries() : Object.entries(value);
}

/** Writes an object's own keys, in order, without allocating an entries array. */
function writeFlatObject(value: { readonly [key: string]: PythonJsonValue }, quote: Quote): string {
  let out = '{';
  let first = true;
  for (const k in value) {
    out += (first ? '' : ', ') + quote(k) + ': ' + writeFlat(value[k], quote);
    first = false;
  }
  return out + '}';
}

function jsonNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : jsonFloat(x);
}

/** json.dumps writes floats with repr, except the three non-finite values */
export function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pyFloatRepr(x);
}

/** printable ASCII but `"` and `\`: needs no escaping either way (metric names nearly always) */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

// JSON.stringify escapes exactly Python's set when non-ASCII output is allowed:
// `"`, `\`, and control characters below 0x20 (with the same short forms and lowercase hex).
export const quoteUnicode: Quote = (s) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
const escapeUnit = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** Python's ensure_ascii: also DEL and everything above it, one `\uXXXX` per UTF-16 unit */
export const quoteAscii: Quote = (s) => {
  if (PLAIN.test(s)) return `"${s}"`;
  // control characters are escaped by JSON.stringify, so what is left to escape is >= 0x7f
  return JSON.stringify(s).replace(NOT_PRINTABLE_ASCII, escapeUnit);
};
