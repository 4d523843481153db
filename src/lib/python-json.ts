/**
 * JSON as Python's json.dumps writes it (what graphite-web answers outside /render): `", "` and
 * `": "` separators, or with `pretty` an indent of 2 and sorted keys; non-ASCII escaped as
 * \uXXXX; numbers as Python prints them, except infinities, which become 1e9999 so every JSON
 * parser accepts them (graphite-web 1.1.8 emitted a bare Infinity here and there).
 */
import { pyFloatRepr } from './python-format.js';

export function pyJsonDumps(value: unknown, pretty = false): string {
  return write(value, pretty, '');
}

function write(value: unknown, pretty: boolean, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return writeNumber(value);
  if (typeof value === 'string') return writeString(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => write(v, pretty, inner));
    return pretty ? `[\n${inner}${items.join(`,\n${inner}`)}\n${indent}]` : `[${items.join(', ')}]`;
  }
  const obj = value as Record<string, unknown>;
  let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (keys.length === 0) return '{}';
  if (pretty) keys = keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const items = keys.map((k) => `${writeString(k)}: ${write(obj[k], pretty, inner)}`);
  return pretty ? `{\n${inner}${items.join(`,\n${inner}`)}\n${indent}}` : `{${items.join(', ')}}`;
}

function writeNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '1e9999' : '-1e9999';
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? String(n) : pyFloatRepr(n);
}

function writeString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => (c === '\u007f' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
