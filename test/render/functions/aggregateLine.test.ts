import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateLine } from '../../../src/render/functions/aggregateLine.js';
import { call, context, series, vals } from './helpers.js';

const x = () => series('x', 1000, 10, [1, null, 4, 7]);

test('a line over the request at the average, named with %g, tagged by the value', async () => {
  const [out] = await call(aggregateLine, { seriesList: [x()] }, context({ startTime: 1000, endTime: 2000 }));
  assert.equal(out.name, 'aggregateLine(x, 4)');
  assert.equal(out.pathExpression, out.name);
  assert.deepEqual(out.tags, { name: '4.0' });
  assert.deepEqual([out.start, out.end, out.step], [1000, 2000, 500]);
  assert.deepEqual(vals(out), [4, 4, 4]);
});

test('keepStep keeps the series own points and tags; other aggregations', async () => {
  const [out] = await call(aggregateLine, { seriesList: [x()], func: 'max', keepStep: true });
  assert.equal(out.name, 'aggregateLine(x, 7)');
  assert.deepEqual(out.tags, { name: 'x' });
  assert.deepEqual([out.start, out.step], [1000, 10]);
  assert.deepEqual(vals(out), [7, 7, 7, 7]);
  const [count] = await call(aggregateLine, { seriesList: [x()], func: 'count' });
  assert.equal(count.name, 'aggregateLine(x, 3)');
  assert.deepEqual(count.tags, { name: '3' }, 'a count is a Python int');
  assert.equal(count.integral, true);
  const [third] = await call(aggregateLine, { seriesList: [series('x', 0, 10, [1, 1, 2])], func: 'avg' });
  assert.equal(third.name, 'aggregateLine(x, 1.33333)');
});

test('no value: a line of None; empty input: nothing; an unknown aggregation is a 400', async () => {
  const [none] = await call(aggregateLine, { seriesList: [series('x', 0, 10, [null, null])], func: 'sum' });
  assert.equal(none.name, 'aggregateLine(x, None)');
  assert.deepEqual(none.tags, { name: 'None' });
  assert.deepEqual(vals(none), [null, null, null]);
  assert.deepEqual(await call(aggregateLine, { seriesList: [] }), []);
  await assert.rejects(call(aggregateLine, { seriesList: [x()], func: 'mode' }), /Invalid "aggFunc" value/);
});
