import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pyPercentFormat, PythonFormatError } from '../../src/lib/python-percent-format.js';
import { pyFormatExponent } from '../../src/lib/python-format.js';

/** CPython's own `fmt % value` for every pair (an int where `isInt`), or its error message */
function python(cases: readonly [string, number, boolean][]): string[] {
  const script = `
import json, sys
out = []
for fmt, bits, is_int in json.load(sys.stdin):
    v = float.fromhex(bits)
    if is_int: v = int(v)
    try: out.append(['ok', fmt % v])
    except Exception as e: out.append(['error', str(e)])
print(json.dumps(out))`;
  const input = JSON.stringify(cases.map(([fmt, v, isInt]) => [fmt, hex(v), isInt]));
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as [string, string][]).map(([kind, text]) => `${kind}: ${text}`);
}

/** the exact double for Python's float.fromhex */
function hex(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (Object.is(v, -0)) return '-0.0';
  return v.toString(16) === v.toString() ? `${v}` : exactHex(v);
}

function exactHex(v: number): string {
  const buf = Buffer.alloc(8);
  buf.writeDoubleBE(v);
  const bits = buf.readBigUInt64BE();
  const sign = bits >> 63n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  if (exp === 0) return `${sign}0x0.${mantissa}p-1022`;
  return `${sign}0x1.${mantissa}p${exp - 1023}`;
}

function ours(cases: readonly [string, number, boolean][]): string[] {
  return cases.map(([fmt, v, isInt]) => {
    try {
      return `ok: ${pyPercentFormat(fmt, v, isInt)}`;
    } catch (err) {
      assert.ok(err instanceof PythonFormatError, String(err));
      return `error: ${err.message}`;
    }
  });
}

const FORMATS = [
  '%d', '%i', '%u', '%5d', '%-5d|', '%05d', '%+d', '% d', '%.3d', '%ld', 'Channel %d MHz',
  '%f', '%.2f', '%8.3f', '%-8.1f|', '%08.2f', '%+.1f', '%#.0f', '%F', '%.0f', '%.15f',
  '%e', '%.2e', '%E', '%#.0e', '%+.3e', '%12.4e',
  '%g', '%G', '%.3g', '%#g', '%#.3g', '%.0g', '% 8.3G', '%10g|', '%.12g',
  '%s', '%r', '%a', '%.3s', '%8s|', '%-8s|', '%05s',
  '%x', '%#x', '%X', '%o', '%#o', '%c', '%08x',
  '%s%%', '100%% of %s', 'no conversion', '%d and %d', '%', '%d %', '%q', '%d %q', '%5%', '%(a)s', '%*d', '%.*f', '%hd', '%Lf',
];
const VALUES: [number, boolean][] = [
  [0, false], [-0, false], [5, false], [5, true], [-2.5, false], [3.7, false], [0.125, false], [2.675, false], [1234567.0, false],
  [0.00001234, false], [1e20, false], [1e22, false], [123456789012, true], [-17, true], [255, true], [0.1 + 0.2, false],
  [Infinity, false], [-Infinity, false], [5e-324, false], [1.5, false], [2.5, false], [1e-4, false], [99999.95, false],
];

test("pyPercentFormat writes what CPython 3.11 writes for `fmt % value`, errors included", () => {
  const cases: [string, number, boolean][] = FORMATS.flatMap((fmt) => VALUES.map(([v, isInt]) => [fmt, v, isInt] as [string, number, boolean]));
  const expected = python(cases);
  const actual = ours(cases);
  const wrong = cases.flatMap(([fmt, v, isInt], i) => (actual[i] === expected[i] ? [] : [`${JSON.stringify(fmt)} % ${isInt ? 'int' : 'float'} ${v}: ${actual[i]} != ${expected[i]}`]));
  assert.deepEqual(wrong, []);
});

test("pyFormatExponent rounds exact halves to even, as Python's '%e' does", () => {
  assert.equal(pyFormatExponent(0.125, 1), '1.2e-01');
  assert.equal(pyFormatExponent(0.375, 1), '3.8e-01');
  assert.equal(pyFormatExponent(-0, 2), '-0.00e+00');
  assert.equal(pyFormatExponent(9.96, 1), '1.0e+01');
  assert.equal(pyFormatExponent(1e-300, 0), '1e-300');
});
