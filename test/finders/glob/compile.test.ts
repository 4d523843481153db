import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compilePattern, DEFAULT_GLOB_LIMITS, type ElementMatcher } from '../../../src/finders/glob/compile.js';
import { expandBraces } from '../../../src/finders/glob/expand-braces.js';
import { GlobError } from '../../../src/finders/glob/errors.js';

interface Case {
  pattern: string;
  variants: string[];
  names: string[];
  matches: string[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/finders/glob-cases.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

function element(pattern: string): ElementMatcher {
  const compiled = compilePattern(pattern);
  assert.equal(compiled.kind, 'tree');
  if (compiled.kind !== 'tree') throw new Error('unreachable');
  assert.equal(compiled.elements.length, 1);
  return compiled.elements[0];
}

function matches(e: ElementMatcher, name: string): boolean {
  // within one level `**` is fnmatch's `*`; the tree walk gives it its globstar meaning
  if (e.globstar) return true;
  return e.literals.includes(name) || (e.test !== null && e.test(name));
}

const sorted = (a: string[]) => [...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

test('brace expansion gives the variants graphite-web expand_braces gives', () => {
  assert.ok(fixture.cases.length >= 2000);
  for (const c of fixture.cases) {
    const mine = expandBraces(c.pattern, { maxVariants: DEFAULT_GLOB_LIMITS.maxVariants, maxWork: DEFAULT_GLOB_LIMITS.maxBraceWork }, c.pattern);
    assert.deepEqual(sorted(mine), sorted(c.variants), `pattern ${JSON.stringify(c.pattern)}`);
  }
});

test('an element matches the names graphite-web match_entries keeps (Python fnmatch)', () => {
  let matched = 0;
  for (const c of fixture.cases) {
    const e = element(c.pattern);
    const mine = c.names.filter((n) => matches(e, n));
    assert.deepEqual(sorted(mine), sorted(c.matches), `pattern ${JSON.stringify(c.pattern)}`);
    matched += mine.length;
  }
  assert.ok(matched > 1000, 'the fixture exercises matches, not only misses');
});

test('each construct of the grammar', () => {
  const cases: Array<[string, string[], string[]]> = [
    // [pattern, matching, not matching]
    ['*', ['a', 'abc', '*'], []],
    ['ab*', ['ab', 'abc'], ['a', 'xab']],
    ['*ab', ['ab', 'xab'], ['abx']],
    ['*ab*', ['ab', 'xaby'], ['a b', 'ba']],
    ['a*b*c', ['abc', 'aXbYc', 'abbc'], ['acb', 'ab']],
    ['a?c', ['abc', 'a?c'], ['ac', 'abbc']],
    ['[ab]x', ['ax', 'bx'], ['cx', 'x']],
    ['[a-c]', ['a', 'b', 'c'], ['d', '-']],
    ['[!a-c]', ['d', '-'], ['a', 'c', '']],
    ['[c-a]', [], ['a', 'b', 'c', '-']], // reversed range: matches nothing
    ['[]]', [']'], ['[]]', '']],
    ['[!]]', ['a'], [']']],
    ['[]', ['[]'], ['[', ']']], // no closing bracket after the first: literal
    ['[!]', ['[!]'], ['a', '!']],
    ['[', ['['], ['']],
    ['[a', ['[a'], ['a']],
    ['[^a]', ['^', 'a'], ['b']], // ^ is not negation in fnmatch
    ['[a-]', ['a', '-'], ['b']],
    ['[-a]', ['a', '-'], ['b']],
    ['{a,b}c', ['ac', 'bc'], ['c', 'abc']],
    ['{a,{b,c}d}', ['a', 'bd', 'cd'], ['b', 'd']],
    ['{a,b', ['{a,b'], ['a']], // unbalanced: literal
    ['{a*,b}', ['a', 'axx', 'b'], ['bx']],
    ['\u00e9?', ['\u00e9\u{1F600}'], ['\u00e9']], // ? is one code point
    ['a+b(c)', ['a+b(c)'], ['aab(c)']], // regex characters are literals
  ];
  for (const [pattern, yes, no] of cases) {
    const e = element(pattern);
    for (const n of yes) assert.ok(matches(e, n), `${pattern} should match ${n}`);
    for (const n of no) assert.ok(!matches(e, n), `${pattern} should not match ${n}`);
  }
});

test('literal elements are looked up, wildcard elements matched, empty variants kept apart', () => {
  const compiled = compilePattern('a.{b,c}.d*.{,e}');
  assert.equal(compiled.kind, 'tree');
  if (compiled.kind !== 'tree') return;
  const [a, bc, d, e] = compiled.elements;
  assert.deepEqual([a.literals, a.test, a.matchesEmpty], [['a'], null, false]);
  assert.deepEqual([sorted([...bc.literals]), bc.test], [['b', 'c'], null]);
  assert.equal(d.test !== null && d.test('dx'), true);
  assert.deepEqual([e.literals, e.matchesEmpty], [['e'], true]);
});

test('backslashes are removed and escaped elements are remembered, as graphite-web does', () => {
  const compiled = compilePattern('a.b\\*c.d\\e');
  assert.equal(compiled.kind, 'tree');
  if (compiled.kind !== 'tree') return;
  assert.deepEqual(compiled.escaped, [{ index: 1, text: 'b*c' }]);
  assert.deepEqual(compiled.elements[2].literals, ['de']);
});

test('a pattern with ";" outside _tagged is a tagged-series lookup', () => {
  assert.deepEqual(compilePattern('disk.used;dc=eu'), { kind: 'tagged', pattern: 'disk.used;dc=eu' });
  assert.equal(compilePattern('_tagged.*.*.x;dc=eu').kind, 'tree');
});

test('pathological patterns are rejected with a GlobError naming the problem', () => {
  const reject = (pattern: string, message: RegExp) =>
    assert.throws(() => compilePattern(pattern), (err: unknown) => err instanceof GlobError && message.test(err.message) && err.pattern === pattern);
  reject(`a.${'{x,y}'.repeat(16)}`, /more than 20000 variants/);
  // each element within its own cap, but too many in all
  reject(Array.from({ length: 40 }, () => '{a,b}'.repeat(14)).join('.'), /more than 50000 variants in all/);
  reject(`a.${'{'.repeat(5000)}x${'}'.repeat(5000)}`, /too large|variants/);
  reject('a.'.repeat(600) + 'b', /more than 512 path elements/);
  reject(`a.[${'b'.repeat(5000)}]`, /longer than 4096/);
  reject('x'.repeat(300_000), /longer than 262144/);
  // a long multi-value brace list (Grafana template variables) is fine
  const hosts = Array.from({ length: 5000 }, (_, i) => `host${i}`);
  const compiled = compilePattern(`servers.{${hosts.join(',')}}.cpu`);
  assert.equal(compiled.kind === 'tree' && compiled.elements[1].literals.length, 5000);
});

test('stars never backtrack exponentially', () => {
  // with backtracking regexes this pattern takes ages on a long non-matching name
  const e = element('*a*a*a*a*a*a*a*a*a*a*a*a*[b]');
  assert.equal(matches(e, 'a'.repeat(4000)), false);
  assert.equal(matches(e, `${'a'.repeat(4000)}b`), true);
});
