import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asPercent, pct } from '../../../src/render/functions/asPercent.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

const a = () => series('h.a.used', 0, 10, [1, 3, null]);
const b = () => series('h.b.used', 0, 10, [3, 1, 2]);

test('of the sum of all, of a number, of one series', async () => {
  const all = await call(asPercent, { seriesList: [a(), b()] });
  assert.deepEqual(all.map((s) => s.name), ['asPercent(h.a.used,sumSeries(h.a.used,h.b.used))', 'asPercent(h.b.used,sumSeries(h.a.used,h.b.used))']);
  assert.deepEqual(vals(all[0]), [25, 75, null]);
  const num = await call(pct, { seriesList: [a()], total: 4 });
  assert.equal(num[0].name, 'asPercent(h.a.used,4)');
  assert.deepEqual(vals(num[0]), [25, 75, null]);
  const one = await call(asPercent, { seriesList: [a(), b()], total: [series('t', 0, 10, [4, 0, 4])] });
  assert.deepEqual(vals(one[1]), [75, null, 50]);
});

test('as many totals as series: paired by sorted name', async () => {
  const out = await call(asPercent, { seriesList: [b(), a()], total: [series('t.b', 0, 10, [6, 2, 4]), series('t.a', 0, 10, [2, 6, 1])] });
  assert.deepEqual(out.map((s) => s.name), ['asPercent(h.a.used,t.a)', 'asPercent(h.b.used,t.b)']);
  assert.deepEqual(vals(out[0]), [50, 50, null]);
});

test('with nodes: groups matched by key, MISSING on either side', async () => {
  const out = await call(asPercent, { seriesList: [a(), b()], total: [series('t.b.total', 0, 10, [6, 2, 4]), series('t.c.total', 0, 10, [1, 1, 1])], nodes: [1] });
  assert.deepEqual(out.map((s) => s.name), ['asPercent(h.a.used,MISSING)', 'asPercent(h.b.used,t.b.total)', 'asPercent(MISSING,t.c.total)']);
  assert.deepEqual(vals(out[0]), [null, null, null]);
  assert.deepEqual(vals(out[1]), [50, 50, 50]);
});

test('a wrong number of totals, or a number with nodes, is a 400; no series gives nothing', async () => {
  await assert.rejects(call(asPercent, { seriesList: [a(), b(), a()], total: [a(), b()] }), InputError);
  await assert.rejects(call(asPercent, { seriesList: [a()], total: 5, nodes: [1] }), InputError);
  assert.deepEqual(await call(asPercent, { seriesList: [] }), []);
});
