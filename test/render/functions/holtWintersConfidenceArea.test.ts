import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holtWintersConfidenceArea } from '../../../src/render/functions/holtWintersConfidenceArea.js';
import { holtWintersConfidenceBands } from '../../../src/render/functions/holtWintersConfidenceBands.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series, vals } from './helpers.js';

const sources = {
  'a.b': ({ startTime }: { startTime: number }) => [series('a.b', startTime, 60, [3, 5, null, 4, 8, 6], { pathExpression: 'a.b' })],
  'a.*': ({ startTime }: { startTime: number }) => [series('a.b', startTime, 60, [1, 2]), series('a.c', startTime, 60, [1, 2])],
};
const args = { seriesList: [], bootstrapInterval: '2min', seasonality: '2min' };

test('the bands drawn as an area: lower invisible, both stacked, named and tagged for the function', async () => {
  const [lower, upper] = await call(holtWintersConfidenceArea, args, context({ startTime: 1120, argSources: ['a.b'], sources }));
  const bands = await call(holtWintersConfidenceBands, args, context({ startTime: 1120, argSources: ['a.b'], sources }));
  assert.equal(lower.name, 'holtWintersConfidenceArea(a.b)');
  assert.equal(upper.name, 'holtWintersConfidenceArea(a.b)');
  assert.equal(upper.pathExpression, upper.name);
  assert.deepEqual(lower.graph, { stacked: true, invisible: true });
  assert.deepEqual(upper.graph, { stacked: true });
  assert.deepEqual(upper.tags, { name: 'a.b', holtWintersForecast: '1', holtWintersDeviation: '1', holtWintersConfidenceUpper: '1', holtWintersConfidenceLower: '1', holtWintersConfidenceArea: '1' });
  assert.deepEqual(lower.tags, upper.tags);
  assert.deepEqual([vals(lower), vals(upper)], bands.map(vals));
});

test('anything but one series is a 400, as areaBetween needs exactly two bands', async () => {
  await assert.rejects(call(holtWintersConfidenceArea, args, context({ startTime: 1120, argSources: ['a.*'], sources })), InputError);
});
