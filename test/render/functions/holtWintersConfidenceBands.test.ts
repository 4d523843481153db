import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holtWintersConfidenceBands } from '../../../src/render/functions/holtWintersConfidenceBands.js';
import { holtWintersForecast } from '../../../src/render/functions/holtWintersForecast.js';
import { analyse } from '../../../src/render/functions/lib/holt-winters.js';
import { call, context, series, vals } from './helpers.js';

const values = [3, 5, null, 4, 8, 6, 7, 5, 9, 4];
const sources = { 'a.*': ({ startTime }: { startTime: number }) => [series('a.b', startTime, 60, values, { pathExpression: 'a.*' })] };

test('lower then upper band per series: the forecast minus and plus delta deviations', async () => {
  const ctx = () => context({ startTime: 1240, endTime: 1600, argSources: ['a.*'], sources });
  const [lower, upper] = await call(holtWintersConfidenceBands, { seriesList: [], delta: 2, bootstrapInterval: '4min', seasonality: '3min' }, ctx());
  const [forecast] = await call(holtWintersForecast, { seriesList: [], bootstrapInterval: '4min', seasonality: '3min' }, ctx());
  const { deviations } = analyse(series('a.b', 0, 60, values), '3min');
  assert.equal(lower.name, 'holtWintersConfidenceLower(a.b)');
  assert.equal(upper.name, 'holtWintersConfidenceUpper(a.b)');
  assert.equal(lower.pathExpression, 'a.*', "the input's pathExpression, as graphite-web keeps it");
  assert.deepEqual(lower.tags, { name: 'a.b', holtWintersForecast: '1', holtWintersDeviation: '1', holtWintersConfidenceUpper: '1', holtWintersConfidenceLower: '1' });
  assert.deepEqual(upper.tags, lower.tags);
  assert.equal(lower.start, 1240);
  const f = vals(forecast);
  const dev = [...deviations.subarray(4)];
  assert.deepEqual(vals(lower), f.map((v, i) => (v === null ? null : v - 2 * dev[i])));
  assert.deepEqual(vals(upper), f.map((v, i) => (v === null ? null : v + 2 * dev[i])));
});

test('delta is 3 by default; an empty input gives nothing', async () => {
  const ctx = context({ startTime: 1240, endTime: 1600, argSources: ['a.*'], sources });
  const [lower, upper] = await call(holtWintersConfidenceBands, { seriesList: [], bootstrapInterval: '4min', seasonality: '3min' }, ctx);
  const width = vals(upper).map((u, i) => (u === null ? null : u - vals(lower)[i]!));
  const { deviations } = analyse(series('a.b', 0, 60, values), '3min');
  width.forEach((w, i) => w === null || assert.ok(Math.abs(w - 6 * deviations[4 + i]) < 1e-12));
  assert.deepEqual(await call(holtWintersConfidenceBands, { seriesList: [] }, context({ argSources: ['none'], sources: { none: () => [] } })), []);
});
