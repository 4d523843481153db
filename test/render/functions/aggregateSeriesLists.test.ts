import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateSeriesLists } from '../../../src/render/functions/aggregateSeriesLists.js';
import { call, context, series, vals } from './helpers.js';

const first = () => [series('a.x', 0, 10, [1, null, 3], { pathExpression: 'a.*' }), series('a.y', 0, 10, [4, 5, null], { pathExpression: 'a.*' })];
const second = () => [series('b.x', 0, 10, [2, 2, null], { pathExpression: 'b.*' }), series('b.y', 0, 20, [10, 20], { pathExpression: 'b.*' })];

test('pairs by position, each aggregated at its own step, named after the pair; tags keep the aggregate name', async () => {
  const out = await call(aggregateSeriesLists, { seriesListFirstPos: first(), seriesListSecondPos: second(), func: 'max' });
  assert.deepEqual(out.map((s) => s.name), ['maxSeries(a.x,b.x)', 'maxSeries(a.y,b.y)']);
  assert.deepEqual(vals(out[0]), [2, 2, 3]);
  assert.equal(out[1].step, 20);
  assert.deepEqual(vals(out[1]), [10, 20]);
  assert.deepEqual(out[0].tags, { name: 'maxSeries(a.*,b.*)', aggregatedBy: 'max' });
  assert.equal(out[0].pathExpression, 'maxSeries(a.*,b.*)');
});

test("xFilesFactor: the argument's, else the request's; the old <name>Series spelling", async () => {
  const [s] = await call(aggregateSeriesLists, { seriesListFirstPos: first(), seriesListSecondPos: second(), func: 'sumSeries', xFilesFactor: 1 });
  assert.equal(s.name, 'sumSeries(a.x,b.x)');
  assert.deepEqual(vals(s), [3, null, null]);
  const [r] = await call(aggregateSeriesLists, { seriesListFirstPos: first(), seriesListSecondPos: second(), func: 'sum' }, context({ xFilesFactor: 0.6 }));
  assert.deepEqual(vals(r), [3, null, null]);
});

test('lists of different lengths are refused; two empty lists give nothing', async () => {
  await assert.rejects(call(aggregateSeriesLists, { seriesListFirstPos: first(), seriesListSecondPos: second().slice(1), func: 'sum' }), /seriesListFirstPos and seriesListSecondPos argument must have equal length/);
  assert.deepEqual(await call(aggregateSeriesLists, { seriesListFirstPos: [], seriesListSecondPos: [], func: 'sum' }), []);
});
