import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearRegression } from '../../../src/render/functions/linearRegression.js';
import { call, context, series, vals } from './helpers.js';

const line = (t: number) => 3 + 0.5 * t;
const sources = {
  x: ({ startTime, endTime }: { startTime: number; endTime: number }) => {
    const values: (number | null)[] = [];
    for (let t = startTime; t < endTime; t += 60) values.push(t % 300 === 0 ? null : line(t));
    return [series('x', startTime, 60, values)];
  },
};

test('the least-squares line of the request range, drawn over it', async () => {
  const ctx = context({ startTime: 6000, endTime: 9000, argSources: ['x'], sources });
  const [out] = await call(linearRegression, { seriesList: sources.x({ startTime: 6000, endTime: 9000 }) }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: 6000, endTime: 9000 }]);
  assert.equal(out.name, 'linearRegression(x, 6000, 9000)');
  assert.equal(out.tags.linearRegressions, '6000, 9000');
  assert.equal(out.pathExpression, out.name);
  vals(out).forEach((v, i) => assert.ok(Math.abs(v! - line(6000 + 60 * i)) < 1e-9, `point ${i}`));
});

test('fitted over the source range given (absolute, or relative to now), drawn over the request', async () => {
  const ctx = context({ startTime: 6000, endTime: 9000, now: 9000, argSources: ['x'], sources });
  const request = series('x', 6000, 60, [1, 1, 1]);
  const [out] = await call(linearRegression, { seriesList: [request], startSourceAt: '-2h', endSourceAt: '3600' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'x', startTime: 1800, endTime: 3600 }]);
  assert.equal(out.name, 'linearRegression(x, 1800, 3600)');
  assert.deepEqual(vals(out).map((v, i) => Math.abs(v! - line(6000 + 60 * i)) < 1e-9), [true, true, true]);
  // a number is a time too (graphite-web fails on one that is not quoted)
  const [byNumber] = await call(linearRegression, { seriesList: [request], startSourceAt: 1800 }, context({ startTime: 6000, endTime: 9000, argSources: ['x'], sources }));
  assert.equal(byNumber.name, 'linearRegression(x, 1800, 9000)');
});

test("the request's own bounds are named by graphite-web's mktime of their wall clock in its zone", async () => {
  // as graphite-web 1.1.8 names them (asked of it with tz=Europe/Berlin over the sample data):
  // 02:00 CEST is read as 02:00 UTC, less the hour of daylight saving time; 01:00 CET as 01:00 UTC
  const summer = Date.UTC(2024, 6, 1) / 1000;
  const winter = Date.UTC(2024, 11, 1) / 1000;
  const tzSources = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 60, [1, 2, 3])] };
  const ctx = context({ startTime: summer, endTime: winter, tz: 'Europe/Berlin', argSources: ['x'], sources: tzSources });
  const [out] = await call(linearRegression, { seriesList: [series('x', summer, 60, [1, 2, 3])] }, ctx);
  assert.equal(out.name, `linearRegression(x, ${summer + 3600}, ${winter + 3600})`);
  // times given are read, and named, in the server's zone (UTC)
  const [given] = await call(linearRegression, { seriesList: [series('x', summer, 60, [1, 2, 3])], endSourceAt: String(summer + 180) }, ctx);
  assert.equal(given.name, `linearRegression(x, ${summer + 3600}, ${summer + 180})`);
});

test('a series whose source has fewer than two points is left out; sources pair with series by position', async () => {
  const one = { x: ({ startTime }: { startTime: number }) => [series('x', startTime, 60, [null, 4, null]), series('y', startTime, 60, [1, 2])] };
  const out = await call(linearRegression, { seriesList: [series('x', 0, 60, [1]), series('y', 0, 60, [1])] }, context({ startTime: 0, endTime: 180, argSources: ['x'], sources: one }));
  assert.deepEqual(out.map((s) => s.name), ['linearRegression(y, 0, 180)']);
  assert.deepEqual(vals(out[0]), [1]);
});
