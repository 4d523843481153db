import { test } from 'node:test';
import assert from 'node:assert/strict';
import { substr, substrName } from '../../../src/render/functions/substr.js';
import { call, series } from './helpers.js';

test('the nodes from start to stop (0: to the end), Python slice style', () => {
  assert.equal(substrName('carbon.agents.host.avgUpdateTime', 2, 4), 'host.avgUpdateTime');
  assert.equal(substrName('carbon.agents.host.avgUpdateTime', 1, 0), 'agents.host.avgUpdateTime');
  assert.equal(substrName('carbon.agents.host.avgUpdateTime', -2, 0), 'host.avgUpdateTime');
  assert.equal(substrName('carbon.agents.host.avgUpdateTime', 0, -1), 'carbon.agents.host');
  assert.equal(substrName('a.b', 5, 0), '');
});

test('of the innermost path of a call, up to its first comma', () => {
  assert.equal(substrName('sumSeries(a.b.c)', 1, 0), 'b.c');
  assert.equal(substrName('scale(a.b.c,2)', 0, 0), 'a.b.c');
  assert.equal(substrName('scale(sumSeries(a.b.c),2)', 1, 0), 'b.c');
  assert.equal(substrName('f(a.b))(', 0, 0), '', 'a ) before the last ( leaves nothing');
});

test('renames the series only', async () => {
  const [s] = await call(substr, { seriesList: [series('a.b.c', 0, 10, [1])], start: 1 });
  assert.equal(s.name, 'b.c');
  assert.equal(s.pathExpression, 'a.b.c');
  assert.deepEqual(s.tags, { name: 'a.b.c' });
});
