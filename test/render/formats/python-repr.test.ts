import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { floatRepr, jsonString, jsonValue, reprOrNone } from '../../../src/render/formats/python-repr.js';

// [IEEE-754 bits as hex, Python's repr], captured by test/fixtures/render/float-repr/capture.py
const cases = JSON.parse(readFileSync('test/fixtures/render/float-repr/cases.json', 'utf8')) as Array<[string, string]>;

test("floatRepr writes every captured double exactly as Python's repr", () => {
  assert.ok(cases.length > 1000);
  const wrong: string[] = [];
  for (const [hex, repr] of cases) {
    const x = Buffer.from(hex, 'hex').readDoubleBE(0);
    const got = floatRepr(x);
    if (got !== repr) wrong.push(`${repr} -> ${got}`);
  }
  assert.deepEqual(wrong, []);
});

test('JSON values: null for NaN, ±1e9999 for infinities; raw writes None', () => {
  assert.equal(jsonValue(NaN), 'null');
  assert.equal(jsonValue(Infinity), '1e9999');
  assert.equal(jsonValue(-Infinity), '-1e9999');
  assert.equal(jsonValue(5), '5.0');
  assert.equal(reprOrNone(NaN), 'None');
  assert.equal(reprOrNone(46.189), '46.189');
});

test('JSON strings escape as Python json.dumps with ensure_ascii', () => {
  assert.equal(jsonString('plain.name'), '"plain.name"');
  assert.equal(jsonString('a"b\\c\n'), '"a\\"b\\\\c\\n"');
  assert.equal(jsonString('héllo'), '"h\\u00e9llo"');
  assert.equal(jsonString('\u0001\u007f'), '"\\u0001\\u007f"');
  assert.equal(JSON.parse(jsonString('a😀b')), 'a😀b');
});
