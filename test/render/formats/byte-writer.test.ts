import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ByteWriter } from '../../../src/render/formats/byte-writer.js';
import { pyFloatRepr } from '../../../src/lib/python-format.js';

test('integers are written as their decimal digits', () => {
  const w = new ByteWriter(4);
  const ns = [0, 7, 9, 10, 99, 100, 12345, 1795316580, 2147483647, 2147483648, -5, -1795316580, 2 ** 53];
  ns.forEach((n, i) => {
    if (i) w.ascii(' ');
    w.int(n);
  });
  assert.equal(w.finish().toString('latin1'), ns.map(String).join(' '));
});

test("floats are written as Python's repr, through the three-decimal fast path and outside it", () => {
  const cases = JSON.parse(readFileSync('test/fixtures/render/float-repr/cases.json', 'utf8')) as Array<[string, string]>;
  const xs = [...cases.map(([hex]) => Buffer.from(hex, 'hex').readDoubleBE(0)), 46.189, 5, 0.5, 0.05, 0.001, -0.001, 1e-4, 999999999999.999, 1e12, -0, 0, 60.222, 0.1 + 0.2, 1234.5];
  for (let k = -2000; k <= 2000; k += 7) xs.push(k / 1000);
  // every three-decimal fraction and whole parts on both sides of the 0..999 table
  for (let k = 0; k < 1000; k++) xs.push(k / 1000, 999 + k / 1000, 1000 + k / 1000, -(7 + k / 1000));
  const w = new ByteWriter(16);
  xs.forEach((x, i) => {
    if (i) w.ascii(',');
    w.float(x);
  });
  assert.deepEqual(w.finish().toString('latin1').split(','), xs.map(pyFloatRepr));
});

test('a datapoint takes its timestamp text from a shared grid; nulls and infinities as JSON writes them', () => {
  const grid = Buffer.from('17953165801795316590', 'latin1');
  const w = new ByteWriter(8);
  w.point(true, 1.5, grid, 0);
  w.point(false, NaN, grid, 10);
  w.point(false, -Infinity, grid, 0);
  w.point(false, 1 / 3, grid, 10);
  assert.equal(w.finish().toString('latin1'), `[1.5, 1795316580], [null, 1795316590], [-1e9999, 1795316580], [${pyFloatRepr(1 / 3)}, 1795316590]`);
});
