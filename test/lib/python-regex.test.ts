import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compilePythonRegex, translatePythonReplacement, PythonRegexError, MAX_PATTERN_LENGTH } from '../../src/lib/python-regex.js';

type Where = [number, number, ...Array<string | null>] | null;
const golden = JSON.parse(readFileSync('test/fixtures/python-regex/regex.json', 'utf8')) as {
  search: Array<[string, string, Where]>;
  match: Array<[string, string, Where]>;
  sub: Array<[string, string, string, string]>;
  error: string[];
};

function where(m: RegExpExecArray | null): Where {
  if (m === null) return null;
  return [m.index, m.index + m[0].length, ...m.slice(1).map((g) => g ?? null)];
}

test("re.search: the match and its groups are CPython's", () => {
  assert.ok(golden.search.length > 30);
  for (const [pattern, text, expected] of golden.search) {
    assert.deepEqual(where(compilePythonRegex(pattern).exec(text)), expected, `${pattern} in ${JSON.stringify(text)}`);
  }
});

test("re.match (the sticky flag at 0): the match and its groups are CPython's", () => {
  for (const [pattern, text, expected] of golden.match) {
    assert.deepEqual(where(compilePythonRegex(pattern, 'y').exec(text)), expected, `${pattern} at the start of ${JSON.stringify(text)}`);
  }
});

test("re.sub: String.prototype.replace with the translated replacement gives CPython's text", () => {
  for (const [pattern, replacement, text, expected] of golden.sub) {
    assert.equal(text.replace(compilePythonRegex(pattern, 'g'), translatePythonReplacement(replacement)), expected, `${pattern} -> ${replacement}`);
  }
  assert.equal('cost'.replace(compilePythonRegex('cost'), translatePythonReplacement('$5')), '$5', 'a literal $ stays literal');
  assert.equal('ab'.replace(compilePythonRegex('(a)(b)'), translatePythonReplacement('\\2\\\\\\1')), 'b\\a');
});

test('patterns CPython refuses are refused, naming the pattern', () => {
  assert.ok(golden.error.length >= 6);
  for (const pattern of golden.error) {
    assert.throws(() => compilePythonRegex(pattern), (err: Error) => err instanceof PythonRegexError && err.message.startsWith(`invalid regular expression "${pattern}": `), pattern);
  }
});

test('what cannot run in linear time is refused with a message saying so', () => {
  const cases: Array<[string, RegExp]> = [
    ['(a)\\1', /backreferences are not supported \(carbyne runs regular expressions in linear time\)/],
    ['(?P<x>a)(?P=x)', /backreferences/],
    ['a(?=b)', /lookahead assertions/],
    ['a(?!b)', /lookahead assertions/],
    ['(?>a+)b', /atomic groups/],
    ['a++b', /possessive quantifiers/],
    ['a{2}+', /possessive quantifiers/],
    ['(a)?(?(1)b|c)', /conditional groups/],
    ['(?x) a b', /verbose/],
  ];
  for (const [pattern, message] of cases) {
    assert.throws(() => compilePythonRegex(pattern), (err: Error) => err instanceof PythonRegexError && message.test(err.message) && err.message.includes(pattern), pattern);
  }
  assert.throws(() => compilePythonRegex('a'.repeat(MAX_PATTERN_LENGTH + 1)), /longer than 20000 characters/);
});

test('catastrophic backtracking patterns finish, with the right answer', () => {
  const long = `${'a'.repeat(30_000)}!`;
  // each of these takes a backtracking engine (Python's, V8's) longer than the age of the universe
  assert.equal(compilePythonRegex('(a+)+$').test(long), false);
  assert.equal(compilePythonRegex('^(a|a)*$').test(long), false);
  assert.equal(compilePythonRegex('(a|aa)+b').test(long), false);
  assert.equal(compilePythonRegex('(.*a){20}').test(long), true);
  assert.equal(long.replace(compilePythonRegex('(a+)+$', 'g'), 'x'), long);
  assert.equal(compilePythonRegex('^(a+)+!$', 'y').exec(long)?.[1], 'a'.repeat(30_000));
});

test('a compiled pattern is a RegExp: lastIndex, global and sticky behave as for any RegExp', () => {
  const re = compilePythonRegex('\\d+', 'g');
  assert.ok(re instanceof RegExp);
  assert.deepEqual([...'a1b22c333'.matchAll(re)].map((m) => [m[0], m.index]), [['1', 1], ['22', 3], ['333', 6]]);
  assert.deepEqual('a1b22c'.split(compilePythonRegex('\\d+')), ['a', 'b', 'c']);
  assert.equal('a1b22c'.search(compilePythonRegex('\\d\\d')), 3);
  const sticky = compilePythonRegex('b', 'y');
  sticky.lastIndex = 1;
  assert.ok(sticky.test('abc'));
  assert.equal(sticky.lastIndex, 2);
  assert.equal(sticky.test('abc'), false, 'no b at 2');
  assert.equal(sticky.lastIndex, 0);
});
