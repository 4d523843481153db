import { pyFloatRepr } from './python-format.js';
import { PyFloat } from './python-json.js';
import { pythonStrRepr } from './python-text.js';

/**
 * A value as Python's `json.loads` gives it: ints stay apart from floats (`2` and `2.0` print
 * differently in Python) and keep every digit, objects keep their first key order with the
 * last value of a repeated key.
 */
export type PyJsonValue = null | boolean | bigint | PyFloat | string | PyJsonValue[] | Map<string, PyJsonValue>;

export class PyJsonError extends Error {
  override readonly name = 'PyJsonError';
}

/**
 * Parses JSON text as Python's `json.loads` does: also the `NaN`, `Infinity` and `-Infinity`
 * literals, no control characters inside strings, nothing but whitespace after the value.
 */
export function parsePythonJson(text: string): PyJsonValue {
  const p = new Parser(text);
  p.skipSpace();
  const value = p.value();
  p.skipSpace();
  if (p.at < text.length) throw new PyJsonError(`Extra data at character ${p.at}`);
  return value;
}

/** Python's `str()` of a parsed value: a string as itself, anything else as its `repr()`. */
export function pythonStr(v: PyJsonValue): string {
  return typeof v === 'string' ? v : pythonValueRepr(v);
}

/** Python's `repr()` of a parsed value (lists and dicts as Python prints them). */
export function pythonValueRepr(v: PyJsonValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return pythonStrRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (Array.isArray(v)) return `[${v.map(pythonValueRepr).join(', ')}]`;
  return `{${[...v].map(([k, x]) => `${pythonStrRepr(k)}: ${pythonValueRepr(x)}`).join(', ')}}`;
}

/** The number a parsed int or float stands for (bool counts, as in Python); undefined for anything else. */
export function pythonNumber(v: PyJsonValue): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** nesting deeper than this is refused (Python raises RecursionError near 1000) */
const MAX_DEPTH = 900;

class Parser {
  at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.at++;
    }
  }

  value(): PyJsonValue {
    const t = this.text;
    const c = t[this.at];
    if (c === '"') return this.string();
    if (c === '{') return this.nested(() => this.object());
    if (c === '[') return this.nested(() => this.array());
    for (const [word, v] of LITERALS) {
      if (t.startsWith(word, this.at)) {
        this.at += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(t);
    if (m === null) throw new PyJsonError(`Expecting value at character ${this.at}`);
    this.at += m[0].length;
    return m[1] !== undefined || m[2] !== undefined ? new PyFloat(Number(m[0])) : BigInt(m[0]);
  }

  private nested<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new PyJsonError('JSON nested too deeply');
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private object(): Map<string, PyJsonValue> {
    const out = new Map<string, PyJsonValue>();
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') throw new PyJsonError(`Expecting property name enclosed in double quotes at character ${this.at}`);
      const key = this.string();
      this.skipSpace();
      if (this.text[this.at] !== ':') throw new PyJsonError(`Expecting ':' delimiter at character ${this.at}`);
      this.at++;
      this.skipSpace();
      out.set(key, this.value());
      this.skipSpace();
      const c = this.text[this.at++];
      if (c === '}') return out;
      if (c !== ',') throw new PyJsonError(`Expecting ',' delimiter at character ${this.at - 1}`);
    }
  }

  private array(): PyJsonValue[] {
    const out: PyJsonValue[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.value());
      this.skipSpace();
      const c = this.text[this.at++];
      if (c === ']') return out;
      if (c !== ',') throw new PyJsonError(`Expecting ',' delimiter at character ${this.at - 1}`);
    }
  }

  private string(): string {
    const t = this.text;
    let out = '';
    let i = this.at + 1;
    for (;;) {
      if (i >= t.length) throw new PyJsonError(`Unterminated string starting at character ${this.at}`);
      const c = t[i];
      if (c === '"') break;
      if (c.charCodeAt(0) < 0x20) throw new PyJsonError(`Invalid control character at character ${i}`);
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = t[i + 1];
      if (e === 'u') {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PyJsonError(`Invalid \\uXXXX escape at character ${i}`);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        i += 2;
      } else throw new PyJsonError(`Invalid \\escape at character ${i}`);
    }
    this.at = i + 1;
    return out;
  }
}

const LITERALS: ReadonlyArray<readonly [string, PyJsonValue]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', new PyFloat(NaN)],
  ['Infinity', new PyFloat(Infinity)],
  ['-Infinity', new PyFloat(-Infinity)],
];
