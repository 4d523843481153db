import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pyFloatRepr, pyFormatFixed, pyFormatG, pyRound } from '../../src/lib/python-format.js';

/** [IEEE-754 bits as hex, CPython's repr] pairs, from the capture script beside the file */
function reprGolden(path: string): Array<[string, string]> {
  return JSON.parse(readFileSync(path, 'utf8')) as Array<[string, string]>;
}

for (const [path, minimum] of [
  ['test/fixtures/python-text/floats.json', 4000],
  ['test/fixtures/render/float-repr/cases.json', 1000],
] as const) {
  test(`pyFloatRepr writes what CPython's repr(float) writes: edge cases and random doubles of ${path}`, () => {
    const golden = reprGolden(path);
    assert.ok(golden.length > minimum);
    const wrong: string[] = [];
    for (const [bits, expected] of golden) {
      const actual = pyFloatRepr(Buffer.from(bits, 'hex').readDoubleBE(0));
      if (actual !== expected) wrong.push(`${bits}: ${actual} != ${expected}`);
    }
    assert.deepEqual(wrong, []);
  });
}

// Expected strings are what CPython 3.11 prints for the same doubles.
test("pyFloatRepr is Python's repr(float)", () => {
  const cases: [number, string][] = [
    [0.5, '0.5'], [10, '10.0'], [1e-5, '1e-05'], [1e-4, '0.0001'], [1e16, '1e+16'], [1234567890123456, '1234567890123456.0'],
    [0.1 + 0.2, '0.30000000000000004'], [-2.5, '-2.5'], [0.00001234, '1.234e-05'], [2 ** 60, '1.152921504606847e+18'],
    [5e-324, '5e-324'], [0, '0.0'], [-0, '-0.0'], [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'],
  ];
  for (const [x, s] of cases) assert.equal(pyFloatRepr(x), s, String(x));
});

test("pyFormatG is Python's '%g', ties rounded to even on the exact binary value", () => {
  const cases: [number, string][] = [
    [0.5, '0.5'], [10, '10'], [1e-5, '1e-05'], [1234565, '1.23456e+06'], [1234567, '1.23457e+06'], [100000, '100000'],
    [1e6, '1e+06'], [-273.15, '-273.15'], [0.000015, '1.5e-05'], [123.456, '123.456'], [5e-324, '4.94066e-324'], [0, '0'],
  ];
  for (const [x, s] of cases) assert.equal(pyFormatG(x), s, String(x));
});

test("pyRound is Python's round(x, n): correctly rounded, ties to even", () => {
  assert.equal(pyRound(0.0078125, 6), 0.007812);
  assert.equal(pyRound(0.0078135, 6), 0.007813); // the double is just below the tie
  assert.equal(pyRound(2.5, 0), 2);
  assert.equal(pyRound(-2.5, 0), -2);
  assert.equal(pyRound(0.00001234, 6), 0.000012);
  assert.equal(pyRound(409.6, 6), 409.6);
  assert.equal(pyRound(1 / 3, 6), 0.333333);
  assert.equal(pyRound(1e22, 6), 1e22);
  // ties on either side of zero, and the values around them that are not ties
  assert.equal(pyRound(-0.0078125, 6), -0.007812);
  assert.equal(pyRound(10.6875, 3), 10.688);
  assert.equal(pyRound(5.375, 2), 5.38);
  assert.equal(pyRound(1.5, 0), 2);
  assert.equal(pyRound(0.5, 0), 0);
  assert.equal(pyRound(2.675, 2), 2.67);
  assert.equal(pyRound(1.0000005, 6), 1.000001);
  assert.equal(pyRound(123456.7890125, 6), 123456.789012);
  assert.ok(Object.is(pyRound(-1e-9, 6), -0));
});

test("pyFormatFixed is Python's '%.2f'", () => {
  assert.equal(pyFormatFixed(0.125, 2), '0.12');
  assert.equal(pyFormatFixed(0.375, 2), '0.38');
  assert.equal(pyFormatFixed(2.675, 2), '2.67');
  assert.equal(pyFormatFixed(-0.125, 2), '-0.12');
  assert.equal(pyFormatFixed(1e21, 2), '1000000000000000000000.00');
});
