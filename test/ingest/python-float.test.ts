import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePythonFloat, parsePythonFloatText } from '../../src/ingest/python-float.js';
import { runPython } from '../helpers/python.js';

/** Python's own float() of each text: a number, or undefined where it raises */
function pythonFloats(texts: string[]): Array<number | undefined> {
  const script = `
import json, sys
out = []
for s in json.load(sys.stdin):
    try:
        f = float(s)
        out.append('nan' if f != f else repr(f))
    except ValueError:
        out.append(None)
print(json.dumps(out))`;
  const answers = JSON.parse(runPython(script, JSON.stringify(texts)).toString()) as Array<string | null>;
  return answers.map((a) => (a === null ? undefined : a === 'nan' ? NaN : a === 'inf' ? Infinity : a === '-inf' ? -Infinity : Number(a)));
}

function parseBytes(text: string): number | undefined {
  const buf = Buffer.from(`##${text}##`, 'latin1');
  return parsePythonFloat(buf, 2, buf.length - 2);
}

const FIXED = [
  '0', '-0', '+5', '.5', '5.', '-.5e-3', '1e3', '1E+03', '12.34', '1795316580', '1795316580.5', '0.1', '0.30000000000000004',
  '123456789012345678901234567890', '1.7976931348623157e308', '1e309', '-1e309', '4.9e-324', '2e-324', '1e-400', '1e22', '1e23',
  '9007199254740993', '0.000001234567890123456789', '1_000', '1_000.000_1', '1e1_0', '1__0', '_1', '1_', '1_.5', '1._5', '1e_5', '1_e5',
  'inf', '-inf', '+INF', 'Infinity', '-infinity', 'nan', 'NaN', '-nan', 'infinit', 'infinityy', 'in', '', '+', '-', '.', 'e5', '1e', '1e+',
  '0x10', '1.2.3', '1,5', ' 1', '1 ', '--1', '+-1', '١', 'abc', '1d', '1f', '00012.5000', '0e0', '-0.0',
];

test('parsePythonFloat agrees with Python float() on hand-picked texts', () => {
  const expected = pythonFloats(FIXED);
  FIXED.forEach((text, i) => {
    if (/^\s|\s$/.test(text) || /[^\x00-\x7f]/.test(text)) return; // fields never have surrounding whitespace; non-ASCII digits are not accepted
    assert.deepEqual(parseBytes(text), expected[i], `float(${JSON.stringify(text)})`);
  });
});

test('parsePythonFloat agrees with Python float() on random numeric-looking texts', () => {
  const atom = fc.constantFrom('0', '1', '5', '9', '00', '12', '.', 'e', 'E', '-', '+', '_', 'inf', 'nan', 'x', '3.25', '1e5', '7_5');
  const texts = fc.sample(fc.array(atom, { minLength: 1, maxLength: 8 }).map((a) => a.join('')), { numRuns: 3000, seed: 7 });
  const digits = fc.sample(
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.nat(30), fc.integer({ min: -330, max: 330 }), fc.boolean()).map(([m, point, exp, neg]) => {
      const s = m.toString();
      const p = Math.min(point, s.length);
      return `${neg ? '-' : ''}${s.slice(0, s.length - p)}.${s.slice(s.length - p)}e${exp}`;
    }),
    { numRuns: 3000, seed: 11 },
  );
  const all = [...texts, ...digits];
  const expected = pythonFloats(all);
  all.forEach((text, i) => assert.deepEqual(parseBytes(text), expected[i], `float(${JSON.stringify(text)})`));
});

test('parsePythonFloatText takes surrounding whitespace as float() does', () => {
  assert.equal(parsePythonFloatText(' 2.5\t'), 2.5);
  assert.equal(parsePythonFloatText('-inf'), -Infinity);
  assert.equal(parsePythonFloatText('1.5x'), undefined);
  assert.equal(parsePythonFloatText('١'), undefined);
});
