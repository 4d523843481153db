import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Params } from '../../../src/routes/params.js';
import { InputParameterError } from '../../../src/routes/graphite-response.js';
import { parseFindParams } from '../../../src/routes/find/find-params.js';

const NOW = 1795316580;
const parse = (qs: string) => parseFindParams(Params.fromString(qs), NOW);

test('the base path is the query up to its last dot, wildcards and all', () => {
  assert.equal(parse('query=a.*.c').basePath, 'a.*.');
  assert.equal(parse('query=*').basePath, '');
  assert.equal(parse('query=a.{b,c}.d*').basePath, 'a.{b,c}.');
});

test("completer rewrites the query as graphite-web does: '..' to '*.', a trailing '*', automatic variants", () => {
  assert.equal(parse('query=a..c&format=completer').pattern, 'a*.c*');
  assert.equal(parse('query=a.b*&format=completer').pattern, 'a.b*');
  assert.equal(parse('query=a.b,c.d&format=completer&automatic_variants=1').pattern, 'a.{b,c}.d*');
  assert.equal(parse('query=a.{b,c}.d&format=completer&automatic_variants=1').pattern, 'a.{b,c}.d*');
  // only completer rewrites; its base path comes from the query as sent
  assert.equal(parse('query=a..c').pattern, 'a..c');
  assert.equal(parse('query=a..c&format=completer').basePath, 'a..');
});

test('from/until: -1 is unset, epoch seconds and offsets from now (or from the now parameter)', () => {
  assert.deepEqual([parse('query=x&from=-1&until=-1').from, parse('query=x').until], [undefined, undefined]);
  const q = parse('query=x&from=-6h&until=now');
  assert.deepEqual([q.from, q.until], [NOW - 6 * 3600, NOW]);
  const pinned = parse('query=x&now=1700000000&from=-1d12h&until=1700000000');
  assert.deepEqual([pinned.from, pinned.until], [1700000000 - 86400 - 43200, 1700000000]);
  assert.throws(() => parse('query=x&from=-5m'), InputParameterError);
});

test('flags are Python ints: 0 is false, any other int true, anything else a 400 naming the parameter', () => {
  assert.equal(parse('query=x&leavesOnly=0').leavesOnly, false);
  assert.equal(parse('query=x&leavesOnly=2').leavesOnly, true);
  assert.equal(parse('query=x&wildcards=-1').wildcards, true);
  assert.throws(() => parse('query=x&wildcards=on'), { message: "Invalid int value 'on' for param wildcards: invalid literal for int() with base 10: 'on'" });
});

test('the last value of a repeated parameter wins, as in a Django QueryDict', () => {
  assert.equal(parse('query=a&query=b').query, 'b');
  assert.equal(parse('format=json&format=completer&query=a').format, 'completer');
});
