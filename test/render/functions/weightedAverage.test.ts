import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightedAverage } from '../../../src/render/functions/weightedAverage.js';
import { call, series, vals } from './helpers.js';

const means = () => [series('h.a.mean', 0, 10, [10, 20, null], { pathExpression: 'h.*.mean' }), series('h.b.mean', 0, 10, [30, 40, 50], { pathExpression: 'h.*.mean' })];
const counts = () => [series('h.b.count', 0, 10, [3, null, 1], { pathExpression: 'h.*.count' }), series('h.a.count', 0, 10, [1, 1, 1], { pathExpression: 'h.*.count' })];

test('values paired with weights by key, the summed products over the summed weights', async () => {
  const [s] = await call(weightedAverage, { seriesListAvg: means(), seriesListWeight: counts(), nodes: [1] });
  assert.equal(s.name, 'weightedAverage(h.*.mean, h.*.count, 1)');
  assert.deepEqual(s.tags, { name: s.name });
  // (10*1 + 30*3) / 4; 20*1 / 1 (b's weight is null); a's value is null: 50*1 / 2
  assert.deepEqual(vals(s), [25, 20, 25]);
});

test('paths sorted and deduplicated in the name; a key only one list has adds no product, but every weight is summed', async () => {
  const avgs = [series('x.a', 0, 10, [4, 4], { pathExpression: 'x.a' }), series('w.z', 0, 10, [100, 100], { pathExpression: 'w.z' })];
  const weights = [series('y.a', 0, 10, [1, 3], { pathExpression: 'y.a' }), series('y.b', 0, 10, [1, 1], { pathExpression: 'y.b' })];
  const [s] = await call(weightedAverage, { seriesListAvg: avgs, seriesListWeight: weights, nodes: [1] });
  assert.equal(s.name, 'weightedAverage(w.z,x.a, y.a,y.b, 1)');
  assert.deepEqual(vals(s), [4 / 2, 12 / 4]);
});

test('tags and nodes together make the key; none matching, no answer', async () => {
  const avgs = [series('lat;dc=eu', 0, 10, [2]), series('lat;dc=us', 0, 10, [4])];
  const weights = [series('n;dc=us', 0, 10, [1]), series('n;dc=asia', 0, 10, [1])];
  const [s] = await call(weightedAverage, { seriesListAvg: avgs, seriesListWeight: weights, nodes: ['dc'] });
  assert.equal(s.name, 'weightedAverage(lat;dc=eu,lat;dc=us, n;dc=asia,n;dc=us, dc)');
  assert.deepEqual(vals(s), [2]);
  assert.deepEqual(await call(weightedAverage, { seriesListAvg: avgs, seriesListWeight: weights, nodes: [0] }), []);
});

test('lists of different lengths are refused', async () => {
  await assert.rejects(
    call(weightedAverage, { seriesListAvg: means(), seriesListWeight: counts().slice(1), nodes: [1] }),
    /weightedAverage must receive the same number of series for seriesListAvg and seriesListWeight but received respectively 2 and 1/,
  );
});
