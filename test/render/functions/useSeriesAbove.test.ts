import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSeriesAbove } from '../../../src/render/functions/useSeriesAbove.js';
import { parseTarget } from '../../../src/render/grammar/parser.js';
import { call, context, series } from './helpers.js';

const sources = {
  'group(hosts.a.latency,hosts.c.latency)': () => [series('hosts.a.latency', 1000, 10, [1]), series('hosts.c.latency', 1000, 10, [])],
};

test('reads, as one group, the metrics named after the series whose max is above the value; nulls ignored', async () => {
  const ctx = context({ sources });
  const input = [series('hosts.a.requests', 1000, 10, [1, null, 20]), series('hosts.b.requests', 1000, 10, [10, 5]), series('hosts.c.requests', 1000, 10, [null, 11])];
  const out = await call(useSeriesAbove, { seriesList: input, value: 10, search: 'requests', replace: 'latency' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'group(hosts.a.latency,hosts.c.latency)', startTime: 1000, endTime: 2000 }]);
  assert.deepEqual(out.map((s) => s.name), ['hosts.a.latency'], 'a series without points is left out');
});

test('Python regular expressions and group references; nothing above: nothing read', async () => {
  const ctx = context({ sources: { 'group(x.1)': () => [series('x.1', 1000, 10, [3])] } });
  const out = await call(useSeriesAbove, { seriesList: [series('hosts.1.requests', 1000, 10, [5])], value: 0, search: '^hosts\\.(?P<n>\\d)\\..*$', replace: 'x.\\g<n>' }, ctx);
  assert.deepEqual(out.map((s) => s.name), ['x.1']);
  const none = context();
  assert.deepEqual(await call(useSeriesAbove, { seriesList: [series('a', 1000, 10, [5])], value: 5, search: 'a', replace: 'b' }, none), []);
  assert.deepEqual(none.calls, []);
});

test('a bad regular expression is a 400', async () => {
  await assert.rejects(call(useSeriesAbove, { seriesList: [series('a', 1000, 10, [5])], value: 0, search: '(', replace: 'b' }), /invalid regular expression/);
});

test('names that do not make a target give no series, as graphite-web reads the bare path `group` then', async () => {
  const ctx = context({ sources: {} });
  const evaluate = ctx.evaluate;
  ctx.evaluate = async (target) => {
    parseTarget(target);
    return evaluate(target);
  };
  const out = await call(useSeriesAbove, { seriesList: [series('a.b (max: 5)', 1000, 10, [5])], value: 1, search: 'b', replace: 'c' }, ctx);
  assert.deepEqual(out, []);
});
