import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeNearDecimal } from '../../../src/render/formats/near-decimal.js';
import { pyFloatRepr } from '../../../src/lib/python-format.js';
import { ByteWriter } from '../../../src/render/formats/byte-writer.js';

/** repr(x) as near-decimal.ts writes it, or null when it leaves x to the fallback */
function written(x: number): string | null {
  const buf = Buffer.alloc(32);
  const end = writeNearDecimal(buf, 0, x);
  return end < 0 ? null : buf.toString('latin1', 0, end);
}

/** The double `steps` units in the last place from x. */
function ulpsFrom(x: number, steps: number): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] += BigInt(x >= 0 ? steps : -steps);
  return f[0];
}

/** A deterministic stream of numbers in [0, 1). */
function numbers(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test("doubles a few units off three decimals are written as Python's repr (captured from python3)", () => {
  // [double as hex, repr(x) in Python 3]
  const cases: Array<[string, string]> = [
    ['0x1.f08e353f7cedap+9', '993.1110000000001'],
    ['0x1.951eb851eb851p+3', '12.659999999999998'],
    ['0x1.34a45810624e0p+13', '9876.543000000005'],
    ['0x1.869fffbe76c89p+16', '99999.99899999997'],
    ['0x1.d1a94a1fffff1p+39', '999999999999.9982'],
    ['0x1.004189374bc6fp+0', '1.001000000000001'],
  ];
  for (const [hex, repr] of cases) {
    const x = fromHex(hex);
    assert.equal(written(x), repr, hex);
    assert.equal(written(-x), `-${repr}`, hex);
  }
});

test('sums of three-decimal gauges, as sumSeries makes them, all take this path and match the exact repr', () => {
  const next = numbers(7);
  let taken = 0;
  for (let row = 0; row < 50_000; row++) {
    let sum = 0;
    for (let i = 0; i < 20; i++) sum += Math.round((50 + 40 * Math.sin(row / 360 + i) + next() * 10 - 5) * 1000) / 1000;
    if (Math.round(sum * 1000) / 1000 === sum) continue;
    const got = written(sum);
    assert.notEqual(got, null, `${sum} was left to the fallback`);
    assert.equal(got, pyFloatRepr(sum));
    taken++;
  }
  assert.ok(taken > 10_000);
});

test('any double within 1000 units in the last place of a three-decimal number in [1, 1e12): the exact repr or the fallback, never other digits', () => {
  const next = numbers(11);
  let taken = 0;
  for (let i = 0; i < 300_000; i++) {
    const base = Math.round((1 + next() * 9) * 10 ** Math.floor(next() * 12) * 1000) / 1000;
    const x = ulpsFrom(next() < 0.5 ? base : -base, Math.floor(next() * 2000) - 1000);
    if (Math.round(x * 1000) / 1000 === x) continue;
    const got = written(x);
    if (got === null) continue;
    assert.equal(got, pyFloatRepr(x), `${x}`);
    taken++;
  }
  assert.ok(taken > 50_000, `only ${taken} took this path`);
});

test('what it leaves to the fallback: below 1, from 1e12, far from three decimals, powers of two', () => {
  for (const x of [0.30000000000000004, 0.9999999999999, 1e12 + 0.5, 33.333333333333336, 2 ** 40 + 2 ** -12, 1 / 3 + 100]) {
    assert.equal(written(x), null, `${x}`);
  }
  // the writer still answers them, through Python's repr
  const w = new ByteWriter(8);
  const xs = [993.1110000000001, 0.30000000000000004, 33.333333333333336, 12.659999999999998];
  xs.forEach((x, i) => {
    if (i) w.ascii(' ');
    w.float(x);
  });
  assert.equal(w.finish().toString('latin1'), xs.map(pyFloatRepr).join(' '));
});

function fromHex(hex: string): number {
  const m = /^(-?)0x1\.([0-9a-f]{13})p([+-]\d+)$/.exec(hex);
  if (!m) throw new Error(hex);
  const mantissa = 1 + Number.parseInt(m[2], 16) / 2 ** 52;
  return (m[1] ? -1 : 1) * mantissa * 2 ** Number(m[3]);
}

test('a double that is itself a three-decimal number is left to the caller, whatever its size', () => {
  for (const x of [1.5, 1234567.891, -1234567.891, 999999999.999, 12.66, 1000.125]) assert.equal(written(x), null, `${x}`);
});
