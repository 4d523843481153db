import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasBoundedBacktracking } from '../../../src/finders/tags/backtracking-bound.js';
import { compileTagRegex, tagRegexEngine, TagRegexError } from '../../../src/finders/tags/tag-regex.js';
import { compilePythonRegex } from '../../../src/lib/python-regex.js';
import { MemoryTagIndex } from '../../../src/finders/tags/memory-tag-index.js';
import { DEFAULT_TAG_LIMITS } from '../../../src/finders/tags/tag-work.js';
import { TagExpressionError } from '../../../src/finders/tag-expressions.js';

test('patterns whose shape bounds backtracking run on V8, the others on the linear-time engine', () => {
  const backtracking = [
    '^(web01)',
    '^(host0012.*)',
    '^(.*7\\.value)',
    '^(dev|staging|prod)',
    '^(eu|ap)',
    '^web0[12]$',
    '^(r1|)',
    '^(a{3}b{2,2})',
    '^(cpu\\.load\\d+)',
    '^((?P<dc>eu)-\\d)',
    // Grafana's multi-value variable: many alternatives, one repeat
    `^(${Array.from({ length: 200 }, (_, i) => `host${i}`).join('|')})`,
  ];
  const linear = [
    '^((a+)+$)', // a repeated group
    '^((a|a)*b)',
    '^(.*x.*x)', // two variable repeats: n^2 ways
    '^(a?a?a?a?aaaa)',
    '^(\\d+-\\d+)',
    '^(x{2,9}y*)',
    `^(${'(a|b)'.repeat(30)})`, // 2^30 paths
    '^(a)|.*b', // the second alternative is not anchored: every start is tried
    '^(?:ab)+c',
  ];
  for (const p of backtracking) assert.equal(tagRegexEngine(p, 'search'), 'backtracking', p);
  for (const p of linear) assert.equal(tagRegexEngine(p, 'search'), 'linear', p);
  // a search of a pattern not anchored at the start tries every start: one repeat is too many
  assert.equal(hasBoundedBacktracking('web.*', false), false);
  assert.equal(hasBoundedBacktracking('web.*', true), true);
  assert.equal(hasBoundedBacktracking('web', false), true);
});

test('the linear-time engine answers as V8 does on the patterns both run', () => {
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\d', '(a|b)', '(?:ab)', '[^a]', 'x', '-', '\\.');
  const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '*?');
  const piece = fc.tuple(atom, quant).map(([a, q]) => a + q);
  const body = fc.array(fc.oneof(piece, fc.array(piece, { minLength: 1, maxLength: 3 }).map((ps) => `(${ps.join('')})+`)), { minLength: 1, maxLength: 5 }).map((ps) => ps.join(''));
  // anchored as graphite-web anchors tag regexes, and not: a match must start at 0, a search anywhere
  const pattern = fc.oneof(body.map((b) => `^(${b})`), body.map((b) => `^${b}$`), fc.tuple(body, body).map(([x, y]) => `^(${x}|${y})`), body, fc.tuple(body, body).map(([x, y]) => `${x}|${y}`));
  const value = fc.stringMatching(/^[abx1.-]{0,12}$/);
  fc.assert(
    fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 20 }), fc.constantFrom('search' as const, 'match' as const), (p, values, mode) => {
      const test = compileTagRegex(p, mode);
      const v8 = compilePythonRegex(p, mode === 'match' ? 'y' : '');
      for (const v of values) {
        v8.lastIndex = 0;
        assert.equal(test(v), v8.test(v), `${p} (${mode}, ${tagRegexEngine(p, mode)}) on "${v}"`);
      }
    }),
    { numRuns: 400 },
  );
});

test('a pattern built to backtrack exponentially answers at once; one needing backtracking is refused', () => {
  // V8 would take ~2^5000 steps on each of these
  const value = `${'a'.repeat(5000)}!`;
  assert.equal(compileTagRegex('^((a+)+$)', 'search')(value), false);
  assert.equal(compileTagRegex('^((a|a)*$)', 'match')(value), false);
  assert.equal(compileTagRegex(`^(${'a?'.repeat(64)}${'a'.repeat(64)}$)`, 'search')('a'.repeat(64)), true);
  assert.equal(compileTagRegex('^(.*a.*a.*a.*b)', 'search')(value), false);
  for (const p of ['^((a)\\2)', '^((?=a)a)', '^((?!b)a)', '^((?<=a)b)', '^((?P<x>a)(?P=x))']) {
    assert.throws(() => compileTagRegex(p, 'search'), (err: Error) => err instanceof TagRegexError && /needs a backtracking engine/.test(err.message), p);
  }
});

test('the tag index answers hostile regexes over hostile values, and refuses a backreference with 400 text naming the expression', async () => {
  const index = new MemoryTagIndex();
  const long = 'a'.repeat(3000);
  index.add({ name: 'cpu', tags: { host: `${long}!` } });
  index.add({ name: 'cpu', tags: { host: long } });
  assert.deepEqual(await index.findSeries(['host=~(a+)+$'], DEFAULT_TAG_LIMITS), [`cpu;host=${long}`]);
  assert.deepEqual(await index.findSeries(['name=cpu', 'host!=~(a|aa)*$'], DEFAULT_TAG_LIMITS), [`cpu;host=${long}!`]);
  assert.deepEqual(await index.tagValues('host', { expressions: ['host=~(.*a){12}!'], limit: 10 }, DEFAULT_TAG_LIMITS), [`${long}!`]);
  await assert.rejects(index.findSeries(['host=~(a)\\1'], DEFAULT_TAG_LIMITS), (err: Error) => err instanceof TagExpressionError && /needs a backtracking engine.*in tagspec host=~\(a\)\\1$/.test(err.message));
});
