import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate } from '../../../src/render/functions/aggregate.js';
import { call, context, series, vals } from './helpers.js';

const list = () => [series('h.a.x', 0, 10, [1, 4, null]), series('h.b.x', 0, 10, [3, null, null]), series('h.c.x', 0, 10, [8, 2, 6])];

test('any aggregation by name, named as its combiner, tagged with it', async () => {
  const cases: [string, string, (number | null)[]][] = [
    ['median', 'medianSeries', [3, 3, 6]],
    ['avg_zero', 'avg_zeroSeries', [4, 2, 2]],
    ['count', 'countSeries', [3, 2, 1]],
    ['diff', 'diffSeries', [-10, 2, 6]],
    ['last', 'lastSeries', [8, 2, 6]],
    ['current', 'currentSeries', [8, 2, 6]],
    ['multiply', 'multiplySeries', [24, null, null]],
    ['range', 'rangeSeries', [7, 2, 0]],
  ];
  for (const [func, name, expected] of cases) {
    const [s] = await call(aggregate, { seriesList: list(), func });
    assert.equal(s.name, `${name}(h.a.x,h.b.x,h.c.x)`, func);
    assert.equal(s.tags.aggregatedBy, func);
    assert.deepEqual(vals(s), expected, func);
  }
});

test('the old <name>Series spelling names the result by the bare aggregation', async () => {
  const [s] = await call(aggregate, { seriesList: list(), func: 'maxSeries' });
  assert.equal(s.name, 'maxSeries(h.a.x,h.b.x,h.c.x)');
  assert.equal(s.tags.aggregatedBy, 'max');
  await assert.rejects(call(aggregate, { seriesList: list(), func: 'scale' }), /Invalid "aggFunc" value specified for function "aggregate" parameter "func": 'scale'/);
});

test("xFilesFactor: the argument's, else the request's", async () => {
  assert.deepEqual(vals((await call(aggregate, { seriesList: list(), func: 'sum', xFilesFactor: 0.5 }))[0]), [12, 6, null]);
  const [s] = await call(aggregate, { seriesList: list(), func: 'sum' }, context({ xFilesFactor: 1 }));
  assert.deepEqual(vals(s), [12, null, null]);
  assert.equal(s.xFilesFactor, 1);
  assert.deepEqual(await call(aggregate, { seriesList: [], func: 'sum' }), []);
});

test('counts, and sums or picks of counts, are Python ints (names show them without .0); an average consolidation makes floats', async () => {
  const counts = (step: number, func: 'average' | 'max' = 'average') => series('c', 0, step, [2, 2], { integral: true, consolidationFunc: func });
  assert.equal((await call(aggregate, { seriesList: list(), func: 'count' }))[0].integral, true);
  assert.equal((await call(aggregate, { seriesList: list(), func: 'sum' }))[0].integral, false);
  assert.equal((await call(aggregate, { seriesList: [counts(10), counts(10)], func: 'max' }))[0].integral, true);
  assert.equal((await call(aggregate, { seriesList: [counts(10), counts(10)], func: 'average' }))[0].integral, false);
  assert.equal((await call(aggregate, { seriesList: [counts(20), counts(10)], func: 'sum' }))[0].integral, false);
  assert.equal((await call(aggregate, { seriesList: [counts(20), counts(10, 'max')], func: 'sum' }))[0].integral, true);
});
