import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stacked } from '../../../src/render/functions/stacked.js';
import { evaluateTargets } from '../../helpers/function-eval.js';
import { call, context, series, vals } from './helpers.js';

test('each series on top of the ones before it, point by point; named stacked(...) in the default stack', async () => {
  const out = await call(stacked, { seriesList: [series('a', 0, 10, [1, null, 3]), series('b', 0, 10, [10, 20, null, 40])] });
  assert.deepEqual(out.map((s) => s.name), ['stacked(a)', 'stacked(b)']);
  assert.deepEqual(out.map(vals), [
    [1, null, 3],
    [11, 20, null, 40],
  ]);
  assert.equal(out[0].tags.stacked, '__DEFAULT__');
  assert.deepEqual(out[0].graph, { stacked: true });
  assert.equal(out[0].pathExpression, 'stacked(a)');
});

test('a named stack keeps its own totals and the names; options set before it are dropped, as graphite-web copies the series', async () => {
  const ctx = context();
  const a = series('a', 0, 10, [1, 2], { graph: { color: 'red' } });
  const [tx] = await call(stacked, { seriesList: [a], stack: 'tx' }, ctx);
  assert.equal(tx.name, 'a');
  assert.equal(tx.tags.stacked, undefined);
  assert.deepEqual(tx.graph, { stacked: true });
  const [rx] = await call(stacked, { seriesList: [series('b', 0, 10, [5, 5])], stack: 'rx' }, ctx);
  assert.deepEqual(vals(rx), [5, 5]);
  const [tx2] = await call(stacked, { seriesList: [series('c', 0, 10, [5, 5])], stack: 'tx' }, ctx);
  assert.deepEqual(vals(tx2), [6, 7]);
});

test('the totals run on over every target of a request, and start again with the next request', async () => {
  const fetch = (path: string, startTime: number) => [series(path, startTime, 10, path === 'a' ? [1, 2, 3] : [10, null, 30])];
  const request = { startTime: 0, endTime: 30, now: 30, tz: 'UTC', xFilesFactor: 0, templates: {}, localOnly: false };
  const both = await evaluateTargets(['stacked(a)', 'stacked(b)', 'b'], request, { fetch });
  assert.deepEqual(both.map(vals), [
    [1, 2, 3],
    [11, null, 33],
    [10, null, 30],
  ]);
  const again = await evaluateTargets(['stacked(b)'], request, { fetch });
  assert.deepEqual(vals(again[0]), [10, null, 30]);
});
