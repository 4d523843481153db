import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePythonInt, pythonRepr, pythonStrRepr, pythonUnquotePlus, invalidIntMessage } from '../../src/lib/python-text.js';

const golden = JSON.parse(readFileSync('test/fixtures/python-text/text.json', 'utf8')) as {
  unquote_plus: Array<[string, string]>;
  repr: Array<[string, string]>;
  int: Array<[string, number | null]>;
};

test("pythonUnquotePlus decodes as Python's urllib.parse.unquote_plus", () => {
  assert.ok(golden.unquote_plus.length > 10);
  for (const [input, expected] of golden.unquote_plus) assert.equal(pythonUnquotePlus(input), expected, JSON.stringify(input));
});

test("pythonStrRepr quotes and escapes as Python's repr(str)", () => {
  for (const [input, expected] of golden.repr) assert.equal(pythonStrRepr(input), expected, JSON.stringify(input));
});

test("parsePythonInt accepts exactly what Python's int(str) accepts", () => {
  for (const [input, expected] of golden.int) assert.equal(parsePythonInt(input), expected, JSON.stringify(input));
  assert.equal(invalidIntMessage('x'), "invalid literal for int() with base 10: 'x'");
});

test("pythonRepr writes Python's repr of None, bools, ints, floats and strs", () => {
  assert.equal(pythonRepr(null), 'None');
  assert.equal(pythonRepr(undefined), 'None');
  assert.equal(pythonRepr(true), 'True');
  assert.equal(pythonRepr(false), 'False');
  assert.equal(pythonRepr(5), '5');
  assert.equal(pythonRepr(5, true), '5.0');
  assert.equal(pythonRepr(0.00001), '1e-05');
  assert.equal(pythonRepr(1e16, true), '1e+16');
  assert.equal(pythonRepr(NaN, true), 'nan');
  assert.equal(pythonRepr(-Infinity, true), '-inf');
  assert.equal(pythonRepr('average'), "'average'");
  assert.equal(pythonRepr("it's"), `"it's"`);
});
