import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PyFloat, pythonJsonDumps, type PythonJsonValue, quoteAscii } from '../../src/lib/python-json.js';

interface Case {
  value: unknown;
  ensure_ascii: boolean;
  indent: number | null;
  text: string;
}
const golden = JSON.parse(readFileSync('test/fixtures/python-text/json.json', 'utf8')) as Record<string, Case>;

/** {"$float": x} is a Python float, {"$pairs": [[k, v]]} an ordered dict */
function toValue(v: unknown): PythonJsonValue {
  if (Array.isArray(v)) return v.map(toValue);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('$float' in o) return new PyFloat(Number(o.$float === 'nan' ? NaN : o.$float === 'inf' ? Infinity : o.$float === '-inf' ? -Infinity : o.$float));
    if ('$pairs' in o) return new Map((o.$pairs as Array<[string, unknown]>).map(([k, x]) => [k, toValue(x)]));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, toValue(x)]));
  }
  return v as PythonJsonValue;
}

test("pythonJsonDumps writes what Python's json.dumps writes (separators, escaping, indent, floats, key order)", () => {
  assert.ok(Object.keys(golden).length >= 36);
  for (const [name, c] of Object.entries(golden)) {
    const text = pythonJsonDumps(toValue(c.value), { ensureAscii: c.ensure_ascii, indent: c.indent ?? undefined });
    assert.equal(text, c.text, name);
  }
});

test('a Map keeps numeric-looking keys where they were inserted', () => {
  const m = new Map<string, PythonJsonValue>([['b', 1], ['10', 2], ['a', 3]]);
  assert.equal(pythonJsonDumps(m), '{"b": 1, "10": 2, "a": 3}');
});

test('quoteAscii escapes a string as json.dumps does with ensure_ascii', () => {
  assert.equal(quoteAscii('plain.name'), '"plain.name"');
  assert.equal(quoteAscii('a"b\\c\n'), '"a\\"b\\\\c\\n"');
  assert.equal(quoteAscii('héllo'), '"h\\u00e9llo"');
  assert.equal(quoteAscii('\u0001\u007f'), '"\\u0001\\u007f"');
  assert.equal(JSON.parse(quoteAscii('a😀b')), 'a😀b');
});
