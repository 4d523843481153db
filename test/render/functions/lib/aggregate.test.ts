import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateWhole } from '../../../../src/render/functions/lib/aggregate.js';
import { InputError } from '../../../../src/render/function-types.js';
import { series, vals } from '../helpers.js';

const ctx = { xFilesFactor: 0 };

test('every aggregation function, nulls ignored, rows padded past the shorter series', () => {
  const a = series('a.x', 0, 10, [1, null, 3, 8]);
  const b = series('b.x', 0, 10, [2, null, 5]);
  const c = series('c.x', 0, 10, [4, null, 1]);
  const expect: Record<string, (number | null)[]> = {
    sum: [7, null, 9, 8],
    average: [7 / 3, null, 3, 8],
    min: [1, null, 1, 8],
    max: [4, null, 5, 8],
    diff: [-5, null, -3, 8],
    count: [3, null, 3, 1],
    multiply: [8, null, 15, null],
    median: [2, null, 3, 8],
    range: [3, null, 4, 0],
    last: [4, null, 1, 8],
    avg_zero: [7 / 3, null, 3, 8 / 3],
    stddev: [Math.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 3), null, Math.sqrt(8 / 3), 0],
  };
  for (const [func, values] of Object.entries(expect)) {
    const [s] = aggregateWhole(ctx, [[a, b, c]], func);
    assert.deepEqual(vals(s), values, func);
    assert.equal(s.name, `${func}Series(a.x,b.x,c.x)`);
  }
});

test('the Series suffix is dropped; aliases keep their own name in the result', () => {
  const a = series('a', 0, 10, [1]);
  assert.equal(aggregateWhole(ctx, [[a]], 'sumSeries')[0].name, 'sumSeries(a)');
  assert.equal(aggregateWhole(ctx, [[a]], 'total')[0].name, 'totalSeries(a)');
  assert.throws(() => aggregateWhole(ctx, [[a]], 'bogus'), InputError);
});

test('xFilesFactor: the share of series with a value at that point', () => {
  const a = series('a', 0, 10, [1, 1, null]);
  const b = series('b', 0, 10, [1, null, null]);
  assert.deepEqual(vals(aggregateWhole(ctx, [[a, b]], 'sum', 0.5)[0]), [2, 1, null]);
  assert.deepEqual(vals(aggregateWhole(ctx, [[a, b]], 'sum', 0.51)[0]), [2, null, null]);
  assert.deepEqual(vals(aggregateWhole({ xFilesFactor: 1 }, [[a, b]], 'sum')[0]), [2, null, null]);
  assert.equal(aggregateWhole({ xFilesFactor: 1 }, [[a, b]], 'sum')[0].xFilesFactor, 1);
});

test('tags: those all inputs share, plus aggregatedBy; the name tag when shared, else the new name', () => {
  const a = series('disk.used;dc=eu;host=a', 0, 60, [1]);
  const b = series('disk.used;dc=eu;host=b', 0, 60, [2]);
  const [s] = aggregateWhole(ctx, [[a, b]], 'max');
  assert.deepEqual(s.tags, { dc: 'eu', name: 'disk.used', aggregatedBy: 'max' });
  const [t] = aggregateWhole(ctx, [[a, series('x', 0, 60, [1])]], 'max');
  assert.deepEqual(t.tags, { name: 'maxSeries(disk.used;dc=eu;host=a,x)', aggregatedBy: 'max' });
});

test('different steps are combined at their LCM; an empty input gives nothing', () => {
  const a = series('a', 0, 10, [1, 2, 3, 4, 5, 6]);
  const b = series('b', 0, 30, [10, 20]);
  const [s] = aggregateWhole(ctx, [[a], [b]], 'sum');
  assert.equal(s.step, 30);
  assert.deepEqual(vals(s), [12, 25]);
  assert.deepEqual(aggregateWhole(ctx, [[]], 'sum'), []);
  assert.deepEqual(aggregateWhole(ctx, [], 'sum'), []);
});

test('the name lists each distinct pathExpression once', () => {
  const a = series('a.1', 0, 10, [1], { pathExpression: 'a.*' });
  const b = series('a.2', 0, 10, [1], { pathExpression: 'a.*' });
  const c = series('c', 0, 10, [1]);
  assert.equal(aggregateWhole(ctx, [[a, b], [c]], 'sum')[0].name, 'sumSeries(a.*,c)');
});
