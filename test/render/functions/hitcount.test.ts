import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitcount } from '../../../src/render/functions/hitcount.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

test('rates times the seconds they cover, summed per interval; buckets end at the end of the series', async () => {
  // 10 s steps from 1000 to 1060, buckets of 25 s ending at 1060: [985, 1010), [1010, 1035), [1035, 1060)
  const [s] = await call(hitcount, { seriesList: [series('a', 1000, 10, [1, 2, null, 4, 5, 6])], intervalString: '25s' });
  assert.equal(s.name, 'hitcount(a, "25s")');
  assert.equal(s.pathExpression, 'hitcount(a, "25s")');
  assert.equal(s.tags.hitcount, '25s');
  assert.deepEqual([s.start, s.end, s.step], [985, 1060, 25]);
  // 1 over [1000,1010) -> bucket 0: 10; 2 over [1010,1020) -> 20; 4 over [1030,1040): 5 s in bucket 1, 5 s in bucket 2;
  // 5 over [1040,1050) and 6 over [1050,1060) -> bucket 2
  assert.deepEqual(vals(s), [10, 20 + 20, 20 + 50 + 60]);
});

test('an interval without hits is null; a step spanning buckets fills those between', async () => {
  const [s] = await call(hitcount, { seriesList: [series('a', 0, 60, [null, 2])], intervalString: '20s' });
  assert.deepEqual([s.start, s.step], [0, 20]);
  assert.deepEqual(vals(s), [null, null, null, 40, 40, 40]);
});

test('alignToInterval reads the input again from the whole hour (minute, day) of the start', async () => {
  const sources = { 'a.b': ({ startTime, endTime }: { startTime: number; endTime: number }) => [series('a.b', startTime, 600, new Array(Math.ceil((endTime - startTime) / 600)).fill(1))] };
  const ctx = context({ startTime: 7200 + 1234, endTime: 7200 + 5000, argSources: ['a.b'], sources });
  const [s] = await call(hitcount, { seriesList: [series('a.b', 8434, 600, [5])], intervalString: '1h', alignToInterval: true }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'a.b', startTime: 7200, endTime: 12200 }]);
  assert.equal(s.name, 'hitcount(a.b, "1h", true)');
  // 9 steps of 600 s from 7200: end 7200 + 2 h; two buckets of 3600 s of 1 hit per second
  assert.deepEqual([s.start, s.end, s.step], [7200, 14400, 3600]);
  assert.deepEqual(vals(s), [3600, 1800]);
});

test('an interval of zero or less is a 400; the buckets count against the request', async () => {
  await assert.rejects(call(hitcount, { seriesList: [series('a', 0, 10, [1])], intervalString: '-1h' }), InputError);
  assert.deepEqual(await call(hitcount, { seriesList: [], intervalString: '-1h' }), []);
  const counted: number[] = [];
  const ctx = context();
  ctx.countPoints = (n) => counted.push(n);
  await call(hitcount, { seriesList: [series('a', 0, 10, new Array(100).fill(1))], intervalString: '1s' }, ctx);
  assert.deepEqual(counted, [1000]);
});
