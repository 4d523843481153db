import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areaBetween } from '../../../src/render/functions/areaBetween.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test('the lower series invisible and both stacked, named after the upper pathExpression and tagged as it is', async () => {
  const lower = series('lat.min', 0, 10, [1, 2], { pathExpression: 'lat.*' });
  const upper = series('lat.max', 0, 10, [3, 4], { pathExpression: 'lat.*' });
  const out = await call(areaBetween, { seriesList: [lower, upper] });
  assert.deepEqual(out.map((s) => s.name), ['areaBetween(lat.*)', 'areaBetween(lat.*)']);
  assert.deepEqual(out.map((s) => s.graph), [{ stacked: true, invisible: true }, { stacked: true }]);
  assert.deepEqual(out.map((s) => s.tags), [{ name: 'lat.max', areaBetween: '1' }, { name: 'lat.max', areaBetween: '1' }]);
  assert.deepEqual(out.map((s) => s.pathExpression), ['lat.*', 'lat.*']);
  assert.deepEqual(out.map(vals), [
    [1, 2],
    [3, 4],
  ]);
});

test('anything but exactly two series is a 400', async () => {
  await assert.rejects(call(areaBetween, { seriesList: [series('a', 0, 10, [1])] }), InputError);
  await assert.rejects(call(areaBetween, { seriesList: [] }), /exactly\* 2 series \(got 0\)/);
});
