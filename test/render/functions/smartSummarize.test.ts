import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignStart, smartSummarize } from '../../../src/render/functions/smartSummarize.js';
import { call, context, series, vals } from './helpers.js';

test('buckets from the series start, no refetch without alignTo', async () => {
  const ctx = context();
  const [out] = await call(smartSummarize, { seriesList: [series('a', 55, 10, [1, 2, 3, 4, 5])], intervalString: '20s', func: 'sum' }, ctx);
  assert.equal(out.name, 'smartSummarize(a, "20s", "sum")');
  assert.deepEqual([out.start, out.end, out.step], [55, 115, 20]);
  assert.deepEqual(vals(out), [3, 7, 5]);
  assert.equal(ctx.calls.length, 0);
});

test('alignTo moves the start back to the unit and fetches again', async () => {
  const ctx = context({
    startTime: 7265,
    endTime: 9000,
    argSources: ['a.b'],
    sources: { 'a.b': ({ startTime }) => [series('a.b', startTime, 600, [1, 2, 3, 4])] },
  });
  const [out] = await call(smartSummarize, { seriesList: [series('a.b', 7265, 600, [9])], intervalString: '1200s', func: 'sum', alignTo: 'hours' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'a.b', startTime: 7200, endTime: 9000 }]);
  assert.equal(out.start, 7200);
  assert.deepEqual(vals(out), [3, 7]);
});

test('alignment in the wall clock of the time zone, weeks to Monday', () => {
  // 2026-11-22 03:03:00Z is a Sunday
  const t = 1795316580;
  assert.equal(alignStart(t, 'days', 'UTC'), 1795305600);
  assert.equal(alignStart(t, 'weeks', 'UTC'), 1795305600 - 6 * 86400);
  assert.equal(alignStart(t, 'months', 'UTC'), Date.UTC(2026, 10, 1) / 1000);
  assert.equal(alignStart(t, 'years', 'UTC'), Date.UTC(2026, 0, 1) / 1000);
  assert.equal(alignStart(t, 'minutes', 'UTC'), t);
  // 04:03 in Paris (UTC+1): midnight there is 23:00Z the day before
  assert.equal(alignStart(t, 'days', 'Europe/Paris'), 1795305600 - 3600);
});
