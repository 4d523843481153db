import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertGraphValue, GraphParams } from '../../../src/render/graph/params.js';
import { parseGraphRequest } from '../../../src/render/graph/request.js';
import { InputError } from '../../../src/render/function-types.js';
import { renderLineGraph } from '../../../src/render/graph/index.js';
import { Series } from '../../../src/render/series.js';

test("graph parameters are converted as graphite-web converts them: ints, floats, booleans, dropped when empty or 'default'", () => {
  assert.equal(convertGraphValue('width', '400'), 400);
  assert.equal(convertGraphValue('yMin', '-5'), -5);
  assert.equal(convertGraphValue('areaAlpha', '.5'), 0.5);
  assert.equal(convertGraphValue('yMax', '-1.5'), -1.5);
  assert.equal(convertGraphValue('hideLegend', 'TRUE'), true);
  assert.equal(convertGraphValue('hideLegend', 'false'), false);
  assert.equal(convertGraphValue('title', ''), undefined);
  assert.equal(convertGraphValue('template', 'Default'), undefined);
  // digits stay text for colours (a hex colour of digits only)
  assert.equal(convertGraphValue('bgcolor', '000000'), '000000');
  assert.equal(convertGraphValue('yMax', '1e3'), '1e3');
  const p = GraphParams.read('line', new URLSearchParams('hideLegend=0&hideGrid=yes&title=2.50&notAParam=1'));
  assert.equal(p.flag('hideLegend', true), false);
  assert.equal(p.flag('hideGrid'), true);
  assert.equal(p.text('title'), '2.50');
  assert.equal(p.has('notAParam'), false);
  // a pie takes its own parameters only
  assert.equal(GraphParams.read('pie', new URLSearchParams('lineMode=staircase&valueLabels=number')).has('lineMode'), false);
});

test('graph requests: png by default, svg, pie whatever the format; bad graphType and pieMode are refused', () => {
  const q = (s: string) => new URLSearchParams(s);
  const src = (s: string) => ({ get: (k: string) => q(s).get(k) ?? undefined, has: (k: string) => q(s).has(k) });
  assert.equal(parseGraphRequest(src(''), 'png', undefined)?.format, 'png');
  assert.equal(parseGraphRequest(src(''), 'json', undefined), undefined);
  assert.equal(parseGraphRequest(src('graphType=pie'), 'json', undefined)?.format, 'png');
  assert.equal(parseGraphRequest(src('graphType=pie'), 'svg', 'cb')?.jsonp, 'cb');
  assert.throws(() => parseGraphRequest(src('graphType=bar'), 'png', undefined), /Invalid graphType 'bar'/);
  assert.throws(() => parseGraphRequest(src('graphType=bar'), 'json', undefined), InputError);
  assert.throws(() => parseGraphRequest(src('graphType=pie&pieMode=median'), 'png', undefined), /Invalid pieMode/);
});

test('bad graph parameters are input errors naming the problem, and oversized images are refused before drawing', () => {
  const s = [new Series('a', 0, 600, 60, Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))];
  const draw = (query: string) => renderLineGraph(s, GraphParams.read('line', new URLSearchParams(query)), 'svg', 'UTC');
  for (const [query, message] of [
    ['lineMode=dotted', /Invalid lineMode 'dotted'/],
    ['areaMode=some', /Invalid areaMode 'some'/],
    ['width=100000', /Invalid width/],
    ['width=5000&height=5000', /Image too large/],
    ['height=-3', /Invalid height/],
    ['width=abc', /Invalid value for 'width'/],
    ['yMin=low', /Invalid value for 'yMin'/],
    ['bgcolor=nocolour', /Invalid color 'nocolour'/],
    ['yMin=10&yMax=5', /The min must be less than the max/],
    ['logBase=10&yMin=-1', /Logarithmic scale/],
    ['yStep=-1', /The step size must be positive/],
    ['yDivisors=0', /Divisors must be greater than or equal to one/],
    ['yDivisors=a,b', /Invalid yDivisors/],
    ['fontSize=0', /Invalid fontSize/],
    ['minorY=1000', /Invalid minorY/],
  ] as const) {
    assert.throws(() => draw(query), (err: Error) => err instanceof InputError && message.test(err.message), query);
  }
});

test('a huge yStep count is bounded: graphite-web picks its own step past 1000 labels', () => {
  const s = [new Series('a', 0, 600, 60, Float64Array.of(0, 1e9))];
  const svg = renderLineGraph(s, GraphParams.read('line', new URLSearchParams('yStep=0.001')), 'svg', 'UTC').body as string;
  assert.ok((svg.match(/<text /g) ?? []).length < 50);
});
