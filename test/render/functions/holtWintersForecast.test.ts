import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holtWintersForecast } from '../../../src/render/functions/holtWintersForecast.js';
import { InputError } from '../../../src/render/function-types.js';
import { analyse } from '../../../src/render/functions/lib/holt-winters.js';
import { call, context, series, vals } from './helpers.js';

const DAY = 86400;
const wave = (n: number, step: number) => Array.from({ length: n }, (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i * step) / 3600));

test('trained over the bootstrap before the request (a week by default), answered over the request', async () => {
  const start = 10 * DAY;
  const sources = { x: ({ startTime, endTime }: { startTime: number; endTime: number }) => [series('x', startTime, 600, wave((endTime - startTime) / 600, 600), { pathExpression: 'x' })] };
  const ctx = context({ startTime: start, endTime: start + 3600, argSources: ['x'], sources });
  const [out] = await call(holtWintersForecast, { seriesList: [series('x', start, 600, [0])], seasonality: '1h' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: start - 7 * DAY, endTime: start + 3600 }]);
  assert.equal(out.name, 'holtWintersForecast(x)');
  assert.deepEqual(out.tags, { name: 'x', holtWintersForecast: '1', holtWintersDeviation: '1' });
  assert.equal(out.start, start);
  assert.equal(out.step, 600);
  assert.equal(out.values.length, 6);
  assert.equal(out.pathExpression, out.name);
  // an hourly wave learnt over a week of hours: the forecast follows it closely
  const truth = wave(7 * 144 + 6, 600).slice(7 * 144);
  vals(out).forEach((v, i) => assert.ok(Math.abs(v! - truth[i]) < 0.1, `point ${i}: ${v} vs ${truth[i]}`));
});

test('the model: the first value predicts itself, a missing value keeps the prediction and breaks the chain', () => {
  const { predictions, deviations } = analyse(series('x', 0, 60, [10, 12, null, 11, 13]), '2min');
  assert.deepEqual([predictions[0], predictions[1]], [10, 10]);
  // level 0.1 * 12 + 0.9 * 10, trend 0.0035 of its change, no seasonal a season back yet
  const level = 0.1 * 12 + 0.9 * 10;
  assert.equal(predictions[2], level + 0.0035 * (level - 10));
  assert.ok(Number.isNaN(predictions[3]), 'no prediction right after a missing value');
  assert.deepEqual([deviations[0], deviations[1], deviations[2]], [0, 0.1 * 2, 0]);
  const flat = analyse(series('x', 0, 60, [5, 5, 5, 5, 5, 5]), '3min');
  assert.deepEqual([...flat.predictions], [5, 5, 5, 5, 5, 5]);
  assert.deepEqual([...flat.deviations], [0, 0, 0, 0, 0, 0]);
});

test('a season must span two points; a bad interval is a 400', async () => {
  assert.throws(() => analyse(series('x', 0, 60, [null, 1]), '1min'), InputError);
  assert.doesNotThrow(() => analyse(series('x', 0, 60, [null, null]), '1min'), 'graphite-web only fails on a value');
  await assert.rejects(call(holtWintersForecast, { seriesList: [], bootstrapInterval: 'soon' }), /Invalid "interval" value/);
});

test('a negative bootstrap keeps that many points from the end, as a Python slice', async () => {
  const sources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 60, [1, 2, 3, 4, 5])] };
  const ctx = context({ startTime: 1200, endTime: 1500, argSources: ['x'], sources });
  const [out] = await call(holtWintersForecast, { seriesList: [], bootstrapInterval: '-2min', seasonality: '5min' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: 1320, endTime: 1500 }]);
  assert.equal(out.start, 1320 - 120);
  assert.equal(out.values.length, 2);
});
