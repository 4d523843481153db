import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pythonFloatRepr } from '../../src/lib/python-float.js';

const golden = JSON.parse(readFileSync('test/fixtures/python-text/floats.json', 'utf8')) as Array<[string, string]>;

test("pythonFloatRepr writes what CPython's repr(float) writes, for edge cases and 4000 random doubles", () => {
  assert.ok(golden.length > 4000);
  for (const [bits, expected] of golden) {
    const x = Buffer.from(bits, 'hex').readDoubleBE(0);
    const actual = pythonFloatRepr(x);
    if (actual !== expected) assert.fail(`${bits}: ${actual} != ${expected}`);
  }
});
