import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ByteWriter, gridTrailers } from '../../../src/render/formats/byte-writer.js';
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

/** What a datapoint list is, written the slow way: Python's repr and each timestamp's digits. */
function expectedPoints(values: number[], start: number, stride: number, skipNulls: boolean): string {
  const points: string[] = [];
  values.forEach((v, i) => {
    if (v !== v && skipNulls) return;
    const text = v !== v ? 'null' : v === Infinity ? '1e9999' : v === -Infinity ? '-1e9999' : pyFloatRepr(v);
    points.push(`[${text}, ${start + i * stride}]`);
  });
  return `[${points.join(', ')}]`;
}

test('datapoints on a time grid: values as Python writes them, nulls written or left out, the buffer growing on the way', () => {
  const values = [1.5, NaN, -Infinity, Infinity, 1 / 3, -0, 0, 999.999, 1000, -999.999, -1000.5, 0.1 + 0.2, 1e300, 5e-324, 42, NaN];
  // whole parts past 999 with three decimals, and sums a few units in the last place off them
  values.push(1000.125, 123456.789, -999999.999, 999999.999, 1e6, 1234567.891, 1000.123 + 0.001 + 0.002, 993.111 + 1e-13, -(12.66 - 1.8e-15), 50.123 + 60.456 + 70.789);
  for (let k = -1500; k <= 1500; k += 3) values.push(k / 1000, k / 7);
  // a start whose digits carry at every step, and strides of one and many digits
  for (const [start, stride] of [[1795316580, 10], [1999999995, 5], [1795316580, 86400], [9999990000, 1]]) {
    const n = stride === 1 ? 100 : values.length;
    const vs = values.slice(0, n);
    for (const skipNulls of [false, true]) {
      const grid = gridTrailers(start, stride, vs.length)!;
      const w = new ByteWriter(8);
      w.ascii('x[');
      w.gridOpen();
      let written = 0;
      // in pieces, as the json writer slices its work
      for (let i = 0; i < vs.length; i += 37) written += w.gridPoints(Float64Array.from(vs), i, Math.min(vs.length, i + 37), grid, skipNulls);
      w.gridClose(written);
      w.ascii(']y');
      assert.equal(w.finish().toString('latin1'), `x${expectedPoints(vs, start, stride, skipNulls)}y`, `${start} + ${stride} s, skipNulls ${skipNulls}`);
      assert.equal(written, skipNulls ? vs.filter((v) => v === v).length : vs.length);
    }
  }
});

test('a grid of only nulls left out is an empty list; grids past 10 digits have no trailers', () => {
  const w = new ByteWriter(8);
  w.byte(0x5b);
  w.gridOpen();
  w.gridClose(w.gridPoints(new Float64Array([NaN, NaN]), 0, 2, gridTrailers(1795316580, 10, 2)!, true));
  w.byte(0x5d);
  assert.equal(w.finish().toString('latin1'), '[]');
  assert.equal(gridTrailers(9999999990, 10, 2), null);
  assert.equal(gridTrailers(999999999, 10, 2), null);
  assert.equal(gridTrailers(1795316580, 10, 0), null);
  assert.equal(gridTrailers(1795316580.5, 10, 2), null);
});
