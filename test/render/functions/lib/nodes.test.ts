import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggKey, getNodeOrTag, groupByAggKey } from '../../../../src/render/functions/lib/nodes.js';
import { firstPathExpression } from '../../../../src/render/functions/lib/first-path-expression.js';
import { series } from '../helpers.js';

test('first metric path of an expression', () => {
  assert.equal(firstPathExpression('scale(sumSeries(servers.{web01,web02}.cpu.*),0.5)'), 'servers.{web01,web02}.cpu.*');
  assert.equal(firstPathExpression('asPercent(a.b.c,sumSeries(x.*))'), 'a.b.c');
  assert.equal(firstPathExpression('movingAverage(a.b,"1min")'), 'a.b');
  assert.equal(firstPathExpression('a.b[0-9].c'), 'a.b[0-9].c');
  assert.equal(firstPathExpression('disk.used;dc=eu'), 'disk.used;dc=eu');
  assert.equal(firstPathExpression('constantLine(5)'), null);
  assert.equal(firstPathExpression('f("x.y")'), null);
  assert.equal(firstPathExpression('web01 user)'), 'web01');
  assert.equal(firstPathExpression('scale(a.b | offset(1), 2)'), 'a.b');
});

test('a call whose first argument is no argument does not parse: the name up to its "(" is the path', () => {
  // graphite-web 1.1.8 answers groupByNodes(perSecond(aliasSub(x,"(^.*$)","x A")),"max",0,1)
  // with the target "perSecond.": the name "perSecond(x A)" reads as the path "perSecond"
  assert.equal(firstPathExpression('perSecond(x A)'), 'perSecond');
  assert.equal(firstPathExpression('scale(perSecond(web01 user),2)'), 'scale');
  assert.equal(firstPathExpression('perSecond( a.b )'), 'a.b');
});

test('nodes by index (negative from the end), tags by name, "" when absent', () => {
  const s = series('a.b.c;dc=eu', 0, 10, [1]);
  assert.equal(getNodeOrTag(s, 1), 'b');
  assert.equal(getNodeOrTag(s, -1), 'c');
  assert.equal(getNodeOrTag(s, 'dc'), 'eu');
  assert.equal(getNodeOrTag(s, 'nope'), '');
  assert.equal(getNodeOrTag(s, 7), '');
});

test('group keys read a function-wrapped name through its first path', () => {
  const s = series('sumSeries(servers.*.cpu.user)', 0, 10, [1]);
  assert.equal(aggKey(s, [1, 3]), '*.user');
  assert.equal(aggKey(series('a.b', 0, 10, [1]), [0, 1]), 'a.b');
});

test('series grouped by key, groups in the order of their first series, series in input order', () => {
  const [a, b, c, d] = ['x.web01.cpu', 'x.web02.cpu', 'y.web01.mem', 'x.web01.mem'].map((name) => series(name, 0, 10, [1]));
  const groups = groupByAggKey([a, b, c, d], [1]);
  assert.deepEqual([...groups.keys()], ['web01', 'web02']);
  assert.deepEqual(groups.get('web01'), [a, c, d]);
  assert.deepEqual(groups.get('web02'), [b]);
});
