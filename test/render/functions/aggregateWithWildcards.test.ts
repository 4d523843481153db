import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateWithWildcards } from '../../../src/render/functions/aggregateWithWildcards.js';
import { call, series, vals } from './helpers.js';

const list = () => [
  series('dc1.web01.cpu.user', 0, 10, [1, 2], { pathExpression: 'dc*.*.cpu.*' }),
  series('dc1.web01.cpu.system', 0, 10, [5, null], { pathExpression: 'dc*.*.cpu.*' }),
  series('dc2.web02.cpu.user', 0, 10, [3, 8], { pathExpression: 'dc*.*.cpu.*' }),
];

test('groups by the name without the given nodes, in first-seen order, named by it', async () => {
  const out = await call(aggregateWithWildcards, { seriesList: list(), func: 'max', position: [0, 1] });
  assert.deepEqual(out.map((s) => [s.name, vals(s)]), [
    ['cpu.user', [3, 8]],
    ['cpu.system', [5, null]],
  ]);
  // the tags and pathExpression stay the aggregate's
  assert.deepEqual(out[0].tags, { name: 'maxSeries(dc*.*.cpu.*)', aggregatedBy: 'max' });
  assert.equal(out[0].pathExpression, 'maxSeries(dc*.*.cpu.*)');
});

test('a negative position or none leaves the names whole', async () => {
  const out = await call(aggregateWithWildcards, { seriesList: list(), func: 'sum', position: [-1] });
  assert.deepEqual(out.map((s) => s.name), ['dc1.web01.cpu.user', 'dc1.web01.cpu.system', 'dc2.web02.cpu.user']);
  assert.deepEqual((await call(aggregateWithWildcards, { seriesList: list(), func: 'sum' })).map((s) => s.name), out.map((s) => s.name));
  assert.deepEqual(await call(aggregateWithWildcards, { seriesList: [], func: 'sum', position: [1] }), []);
});
