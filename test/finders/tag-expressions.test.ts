import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTagExpressions, TagExpressionError } from '../../src/finders/tag-expressions.js';

const web01 = { name: 'disk.used', dc: 'eu', host: 'web01' };
const bare = { name: 'cpu.load' };
const matches = (exprs: string[], tags: Record<string, string>) => compileTagExpressions(exprs)(tags);

test('= and != compare whole values; an absent tag reads as the empty value where an empty value matches', () => {
  assert.equal(matches(['dc=eu'], web01), true);
  assert.equal(matches(['dc=e'], web01), false);
  assert.equal(matches(['dc=eu'], bare), false);
  assert.equal(matches(['name=cpu.load', 'dc='], bare), true);
  assert.equal(matches(['name=disk.used', 'dc='], web01), false);
  assert.equal(matches(['name=cpu.load', 'dc!=us'], bare), true);
  // != with an empty value requires the tag
  assert.equal(matches(['dc!='], web01), true);
  assert.equal(matches(['dc!=', 'name=cpu.load'], bare), false);
});

test('a regex requiring a value is searched in it, anchored by ^( ) unless it starts with ^', () => {
  assert.equal(matches(['dc=~e'], web01), true);
  assert.equal(matches(['dc=~u'], web01), false);
  // '^d|u' keeps its own anchor, so the u alternative is searched anywhere
  assert.equal(matches(['name=~^d|u'], bare), true);
  assert.equal(matches(['name=~^x|u'], web01), true);
  assert.equal(matches(['host=~(?P<h>web)0[1]'], web01), true);
  assert.equal(matches(['name=~disk', 'dc!=~e'], web01), false);
});

test('a regex an empty value satisfies also matches series without the tag, matched at the start', () => {
  assert.equal(matches(['name=~cpu', 'rack=~(x|)'], bare), true);
  assert.equal(matches(['name=~cpu', 'rack!=~x'], bare), true);
  assert.equal(matches(['name=~disk', 'dc!=~u'], web01), true);
  // !=~ of a regex matching "" requires the tag, and no value of it escapes the search
  assert.equal(matches(['dc!=~(e|)'], web01), false);
});

test('expressions graphite-web refuses throw TagExpressionError with its words', () => {
  assert.throws(() => compileTagExpressions(['dc']), new TagExpressionError('Invalid tagspec dc'));
  assert.throws(() => compileTagExpressions(['a=b;c=d']), new TagExpressionError('Invalid tagspec a=b;c=d'));
  assert.throws(() => compileTagExpressions(['dc!=eu', 'rack=']), new TagExpressionError('At least one tagspec must not match the empty string'));
  assert.throws(() => compileTagExpressions([]), TagExpressionError);
  assert.throws(() => compileTagExpressions(['name=~(']), /invalid regular expression "\^\(\(\)".* in tagspec name=~\($/);
});
