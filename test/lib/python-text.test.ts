import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePythonInt, pythonStrRepr, pythonUnquotePlus, invalidIntMessage } from '../../src/lib/python-text.js';

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
