import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTarget, ParseError } from '../../../src/render/grammar/parser.js';
import type { Expr } from '../../../src/render/grammar/ast.js';

/** A compact rendering of a tree, so expectations read like targets. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'path':
      return `P<${e.path}>`;
    case 'number':
      return `${e.isInteger ? 'I' : 'F'}<${e.value}>`;
    case 'string':
      return `S<${e.value}>`;
    case 'boolean':
      return `B<${e.value}>`;
    case 'none':
      return 'None';
    case 'call':
      return `${e.name}(${[...e.args.map(show), ...e.kwargs.map((k) => `${k.name}=${show(k.value)}`)].join(', ')})`;
    case 'template':
      return `template(${[show(e.inner), ...e.args.map(show), ...e.kwargs.map((k) => `${k.name}=${show(k.value)}`)].join(', ')})`;
  }
}

const parses = (target: string, expected: string) => assert.equal(show(parseTarget(target)), expected, target);

test('paths keep their globs, brace lists and character classes', () => {
  parses('servers.web01.cpu.user', 'P<servers.web01.cpu.user>');
  parses('servers.*.cpu.{user,system}', 'P<servers.*.cpu.{user,system}>');
  parses('a.b[0-9]?.c*d', 'P<a.b[0-9]?.c*d>');
  parses('a.{b,c}d{e,f}.g', 'P<a.{b,c}d{e,f}.g>');
  parses('  a.b  ', 'P<a.b>');
  parses('disk.used;host=web01', 'P<disk.used;host=web01>');
  parses('a.b\\(x\\).c', 'P<a.b(x).c>');
  parses('a-b.c:d.~e.$f', 'P<a-b.c:d.~e.$f>');
  parses('1.2.3', 'P<1.2.3>');
});

test('calls nest, take numbers of every kind, strings, booleans, None and inf', () => {
  parses('sumSeries(a.*)', 'sumSeries(P<a.*>)');
  parses('aliasByNode(scale(sumSeries(a.{b,c}.*), 0.5), 1)', 'aliasByNode(scale(sumSeries(P<a.{b,c}.*>), F<0.5>), I<1>)');
  parses('f(1, -2, 3.25, -4.5, 1e3, 2.5E-2, -1e-2)', 'f(I<1>, I<-2>, F<3.25>, F<-4.5>, F<1000>, F<0.025>, F<-0.01>)');
  parses('f(true, False, None, inf, INF)', 'f(B<true>, B<false>, None, F<Infinity>, F<Infinity>)');
  parses(`f('single', "double")`, 'f(S<single>, S<double>)');
  parses('f()', 'f()');
  parses('f ( a.b , 2 )', 'f(P<a.b>, I<2>)');
  parses('f(1abc, true.x, none2)', 'f(P<1abc>, P<true.x>, P<none2>)');
  parses('f(-1.5.foo)', 'f(P<-1.5.foo>)');
});

test('strings keep backslashes as written, as graphite-web passes them to functions', () => {
  parses(String.raw`aliasSub(a.b, "(^.*$)", "\1 A")`, String.raw`aliasSub(P<a.b>, S<(^.*$)>, S<\1 A>)`);
  parses(String.raw`alias(a, 'it\'s')`, String.raw`alias(P<a>, S<it\'s>)`);
  parses(`alias(a, "x,y)")`, 'alias(P<a>, S<x,y)>)');
});

test('keyword arguments follow positional ones', () => {
  parses('movingAverage(a.b, windowSize="5min", xFilesFactor=0.5)', 'movingAverage(P<a.b>, windowSize=S<5min>, xFilesFactor=F<0.5>)');
  parses('constantLine(value=1)', 'constantLine(value=I<1>)');
  parses('f(a = b.c)', 'f(a=P<b.c>)');
});

test('pipes are nesting, left to right', () => {
  parses('a.b|scale(2)|alias("x")', 'alias(scale(P<a.b>, I<2>), S<x>)');
  parses('a.b | aliasByNode(1) | movingAverage("5min")', 'movingAverage(aliasByNode(P<a.b>, I<1>), S<5min>)');
  parses('sumSeries(a.*|scale(2), b)', 'sumSeries(scale(P<a.*>, I<2>), P<b>)');
});

test('template() takes an expression and literal values, positional or by name', () => {
  parses('template(a.$host.b, host="web01")', 'template(P<a.$host.b>, host=S<web01>)');
  parses('template(sumSeries(a.$1.*), "x", 2)', 'template(sumSeries(P<a.$1.*>), S<x>, I<2>)');
  parses('template(a.$x)', 'template(P<a.$x>)');
});

test('seriesByTag keeps the raw text of its call', () => {
  const e = parseTarget("aliasByTags(seriesByTag('name=disk.used', 'dc=eu'), 'host')");
  assert.equal(e.kind, 'call');
  const inner = e.kind === 'call' ? e.args[0] : e;
  assert.equal(inner.kind === 'call' ? inner.raw : '', "seriesByTag('name=disk.used', 'dc=eu')");
});

test('malformed targets fail with the position and what was expected', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['sumSeries(a.b', /expected ',' or '\)' to continue sumSeries\(/, 13],
    ['scale(a.b,)', /expected an argument of scale\(\)/, 10],
    ["alias(a.b,'x)", /unterminated string/, 10],
    ['a.b)', /unexpected '\)' \(unbalanced parentheses\)/, 3],
    ['a..b', /empty path element/, 2],
    ['a.b.', /empty path element/, 4],
    ['a.{b,c', /unterminated '\{'/, 2],
    ['f(x=1, 2)', /positional argument after keyword/, 7],
    ['f(x=1, x=2)', /repeated/, 7],
    ['a.b|', /expected a function call after '\|'/, 4],
    ['a.b|c.d', /expected a function call after '\|'/, 4],
    ['template(a.$x, b.c)', /only string and numeric/, 15],
    ['f(a b)', /unexpected 'b' in the arguments of f\(\)/, 4],
    ['"abc"', /expected a path or a function call/, 0],
    ['a.b\\x', /backslash/, 3],
    [')', /expected a path or a function call/, 0],
  ];
  for (const [target, message, position] of cases) {
    assert.throws(
      () => parseTarget(target),
      (e: Error) => {
        assert.ok(e instanceof ParseError, `${target}: ${e}`);
        assert.match(e.message, message, target);
        assert.ok(e.message.includes(`"${target}"`), `names the target: ${e.message}`);
        assert.equal(e.position, position, `${target}: ${e.message}`);
        return true;
      },
      target,
    );
  }
});

test('deep nesting is refused instead of overflowing the stack', () => {
  const deep = 'f('.repeat(5000) + 'a' + ')'.repeat(5000);
  assert.throws(() => parseTarget(deep), /nested deeper/);
});
