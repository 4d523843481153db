import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holtWintersAberration } from '../../../src/render/functions/holtWintersAberration.js';
import { holtWintersConfidenceBands } from '../../../src/render/functions/holtWintersConfidenceBands.js';
import { call, context, series, vals } from './helpers.js';

const values = [3, 5, null, 4, 8, 6, 20, 5, -9, null];
const sources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 60, values.slice((startTime - 1000) / 60), { pathExpression: 'x' })] };
const args = { bootstrapInterval: '4min', seasonality: '3min' };

test('how far each point lies above the upper band or below the lower one, 0 inside or without a value', async () => {
  const request = series('x', 1240, 60, values.slice(4), { pathExpression: 'x' });
  const ctx = () => context({ startTime: 1240, endTime: 1600, argSources: ['x'], sources });
  const [out] = await call(holtWintersAberration, { seriesList: [request], delta: 1, ...args }, ctx());
  const [lower, upper] = await call(holtWintersConfidenceBands, { seriesList: [], delta: 1, ...args }, ctx());
  assert.equal(out.name, 'holtWintersAberration(x)');
  assert.deepEqual(out.tags, { name: 'x', holtWintersAberration: '1' });
  const lo = vals(lower);
  const hi = vals(upper);
  const expected = values.slice(4).map((v, i) => (v === null ? 0 : hi[i] !== null && v > hi[i]! ? v - hi[i]! : lo[i] !== null && v < lo[i]! ? v - lo[i]! : 0));
  assert.deepEqual(vals(out), expected);
  assert.ok(expected.some((v) => v! > 0) && expected.some((v) => v! < 0), 'the data leaves the bands both ways');
});

test('bands read at another step than the series (a bootstrap in a coarser archive): compared at the same time', async () => {
  // the request at 30 s, the bootstrap at 60 s: graphite-web indexes past the band's end (a 500)
  const request = series('x', 1240, 30, [100, 100, -100, -100, 5, 5]);
  const [out] = await call(holtWintersAberration, { seriesList: [request], delta: 1, ...args }, context({ startTime: 1240, endTime: 1420, argSources: ['x'], sources }));
  const [lower, upper] = await call(holtWintersConfidenceBands, { seriesList: [], delta: 1, ...args }, context({ startTime: 1240, endTime: 1420, argSources: ['x'], sources }));
  const at = (band: typeof upper, i: number) => band.values[Math.floor((1240 + i * 30 - band.start) / 60)];
  assert.deepEqual(vals(out).slice(0, 4), [100 - at(upper, 0), 100 - at(upper, 1), -100 - at(lower, 2), -100 - at(lower, 3)]);
  assert.equal(out.values.length, 6);
});

test('a series without bands (none came back over the bootstrap) is all 0', async () => {
  const [out] = await call(holtWintersAberration, { seriesList: [series('y', 1240, 60, [1, null])], ...args }, context({ startTime: 1240, argSources: ['x'], sources }));
  assert.deepEqual(vals(out), [0, 0]);
});

test('bands cut short by the retention (fewer points than the series): compared at the same time, 0 before they start', async () => {
  // the store keeps nothing before 1180: the bootstrap from 1000 starts there too
  const clipped = { x: ({ startTime }: { startTime: number }) => sources.x({ startTime: Math.max(startTime, 1180) }).map((s) => Object.assign(s, { start: Math.max(startTime, 1180) })) };
  const request = series('x', 1240, 60, [100, 100, 100, 100, -100, -100]);
  const ctx = () => context({ startTime: 1240, endTime: 1600, argSources: ['x'], sources: clipped });
  const [out] = await call(holtWintersAberration, { seriesList: [request], delta: 1, ...args }, ctx());
  const [, upper] = await call(holtWintersConfidenceBands, { seriesList: [], delta: 1, ...args }, ctx());
  assert.equal(upper.start, 1420);
  assert.ok(upper.values.length < request.values.length);
  const hi = (i: number) => upper.values[(1240 + i * 60 - 1420) / 60];
  assert.deepEqual(vals(out).slice(0, 4), [0, 0, 0, 100 - hi(3)]);
});
