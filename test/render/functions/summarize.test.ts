import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/render/functions/summarize.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

// points at 50, 60, ... 130
const s = () => series('a', 50, 10, [1, 2, null, 4, 5, 6, 7, 8, 9]);

test('buckets aligned to the interval since the epoch, sum by default', async () => {
  const [out] = await call(summarize, { seriesList: [s()], intervalString: '30s' });
  assert.equal(out.name, 'summarize(a, "30s", "sum")');
  assert.deepEqual([out.start, out.end, out.step], [30, 150, 30]);
  // [30,60): 1; [60,90): 2,null,4; [90,120): 5,6,7; [120,150): 8,9
  assert.deepEqual(vals(out), [1, 6, 18, 17]);
  assert.deepEqual(out.tags, { name: 'a', summarize: '30s', summarizeFunction: 'sum' });
});

test('alignToFrom: buckets from the series start; the end moves to the last bucket', async () => {
  const [out] = await call(summarize, { seriesList: [s()], intervalString: '40s', func: 'max', alignToFrom: true });
  assert.equal(out.name, 'summarize(a, "40s", "max", true)');
  assert.deepEqual([out.start, out.end], [50, 170]);
  assert.deepEqual(vals(out), [4, 8, 9]);
});

test('xFilesFactor of the series against the full bucket; other functions', async () => {
  const half = series('a', 0, 10, [1, null, null, 4], { xFilesFactor: 0.5 });
  assert.deepEqual(vals((await call(summarize, { seriesList: [half], intervalString: '20s', func: 'avg' }))[0]), [1, 4, null]);
  assert.deepEqual(vals((await call(summarize, { seriesList: [s()], intervalString: '30s', func: 'count' }))[0]), [1, 2, 3, 2]);
  assert.deepEqual(vals((await call(summarize, { seriesList: [s()], intervalString: '30s', func: 'last' }))[0]), [1, 4, 7, 9]);
});

test('a zero, negative or malformed interval is a 400', async () => {
  for (const intervalString of ['0s', '-1h', 'bogus']) await assert.rejects(call(summarize, { seriesList: [s()], intervalString }), InputError);
  await assert.rejects(call(summarize, { seriesList: [s()], intervalString: '1h', func: 'nope' }), InputError);
});
