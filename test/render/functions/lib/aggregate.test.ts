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

test("sums start from 0 as Python's sum() does, with or without an xFilesFactor: a row of -0.0 sums to 0.0", () => {
  const a = series('a.x', 0, 10, [-0, -0, 1.5, null]);
  const b = series('b.x', 0, 10, [null, -0, -0, null]);
  for (const factor of [0, 0.5]) {
    const [s] = aggregateWhole({ xFilesFactor: factor }, [[a, b]], 'sumSeries');
    const values = vals(s);
    assert.deepEqual(values, [0, 0, 1.5, null]);
    assert.ok(!Object.is(values[0], -0) && !Object.is(values[1], -0), `xFilesFactor ${factor}: ${values.map((v) => Object.is(v, -0) ? '-0' : v)}`);
  }
});

test('sums of columns of different lengths, taken two at a time, are the row-wise sums in series order', () => {
  const columns: Array<Array<number | null>> = [
    [0.1, null, 0.7, 1e16],
    [0.2, 0.3, null, 1, 5, 6],
    [0.3, null],
    [null, 0.1, 0.2, -1e16, 2, null, 9],
    [1e-17, 0.4, 0.5],
  ];
  const list = columns.map((values, i) => series(`s${i}`, 0, 10, values));
  const rows = Math.max(...columns.map((c) => c.length));
  const want: Array<number | null> = [];
  for (let r = 0; r < rows; r++) {
    // Python's sum() over the row's values in series order
    const present = columns.map((c) => c[r]).filter((v): v is number => v !== null && v !== undefined);
    want.push(present.length === 0 ? null : present.reduce((sum, v) => sum + v, 0));
  }
  assert.deepEqual(vals(aggregateWhole(ctx, [list], 'sumSeries')[0]), want);
  // the same with the columns in another order: floating-point sums follow it
  const reversed = [...list].reverse();
  const wantReversed = Array.from({ length: rows }, (_, r) => {
    const present = [...columns].reverse().map((c) => c[r]).filter((v): v is number => v !== null && v !== undefined);
    return present.length === 0 ? null : present.reduce((sum, v) => sum + v, 0);
  });
  assert.deepEqual(vals(aggregateWhole(ctx, [reversed], 'sumSeries')[0]), wantReversed);
  assert.notDeepEqual(want, wantReversed);
});
