import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyMod } from '../../src/lib/python-math.js';

test("pyMod is Python's %: the result takes the divisor's sign", () => {
  // [a, b, a % b in CPython 3.11]
  const cases: Array<[number, number, number]> = [
    [-7, 3, 2], [7, -3, -2], [-7, -3, -1], [7, 3, 1], [-6, 3, 0], [6, -3, -0],
    [-0.5, 10, 9.5], [5.5, 2, 1.5], [-1e-20, 1, 1], [1795316585, 60, 5], [-1795316585, 60, 55],
  ];
  for (const [a, b, expected] of cases) assert.equal(pyMod(a, b), expected, `${a} % ${b}`);
});
