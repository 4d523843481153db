/**
 * Lists of series lists through the real evaluator: mapSeries answers one, reduceSeries takes it
 * (nested or piped), and anywhere else it is a 400 naming the call, where graphite-web fails
 * with a 500 (or, for a seriesList parameter, its own 400 of an invalid value).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateTarget } from '../../helpers/function-eval.js';
import { InputError, type RequestContext } from '../../../src/render/function-types.js';
import { Series } from '../../../src/render/series.js';

const data: Record<string, number[]> = {
  'srv.a.cpu.user': [1, 2, 3],
  'srv.a.cpu.system': [4, 5, 6],
  'srv.b.cpu.user': [7, 8, 9],
  'srv.b.cpu.system': [1, 1, 1],
};

/** `*` within one node */
function fetch(pattern: string, start: number): Series[] {
  const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]*')}$`);
  return Object.entries(data)
    .filter(([name]) => re.test(name))
    .map(([name, v]) => new Series(name, start, start + 10 * v.length, 10, Float64Array.from(v), { pathExpression: pattern }));
}

const rc: RequestContext = { startTime: 1000, endTime: 1030, now: 1030, tz: 'UTC', xFilesFactor: 0, templates: {}, localOnly: false };
const evaluate = (target: string) => evaluateTarget(target, rc, { fetch: (p, s) => fetch(p, s) });
const summary = (out: Series[]) => out.map((s) => [s.name, [...s.values]]);

test('mapSeries answers a list of lists that reduceSeries takes, nested or piped', async () => {
  const expected = [
    ['srv.a.cpu.reduce.diffSeries', [-3, -3, -3]],
    ['srv.b.cpu.reduce.diffSeries', [6, 7, 8]],
  ];
  assert.deepEqual(summary(await evaluate('reduceSeries(mapSeries(srv.*.cpu.*, 1), "diffSeries", 3, "user", "system")')), expected);
  assert.deepEqual(summary(await evaluate('srv.*.cpu.*|map(1)|reduce("diffSeries", 3, "user", "system")')), expected);
  assert.deepEqual(summary(await evaluate('sumSeries(reduceSeries(mapSeries(srv.*.cpu.*, 1), "diffSeries", 3, "user", "system"))')), [
    ['sumSeries(diffSeries(srv.*.cpu.*))', [3, 4, 5]],
  ]);
});

test('a list of lists as a target, or where a series list belongs, is a 400 naming the call', async () => {
  await assert.rejects(evaluate('mapSeries(srv.*.cpu.*, 1)'), (e) => e instanceof InputError && /mapSeries answers a list of series lists, which only reduceSeries takes/.test(e.message));
  await assert.rejects(evaluate('sumSeries(map(srv.*.cpu.*, 1))'), (e) => e instanceof InputError && /Invalid "seriesList" value specified for function "sumSeries" parameter "seriesLists": \[\[TimeSeries\(name=srv\.a\.cpu\.system\), TimeSeries\(name=srv\.a\.cpu\.user\)\], \[/.test(e.message));
  await assert.rejects(evaluate('asPercent(srv.a.cpu.user, mapSeries(srv.*.cpu.*, 1))'), InputError);
  await assert.rejects(evaluate('groupByNode(srv.*.cpu.*, 1, "mapSeries")'), InputError);
});

test('a plain series list is not a list of lists; an empty list is both', async () => {
  await assert.rejects(evaluate('reduceSeries(srv.*.cpu.*, "diffSeries", 3, "user", "system")'), /Invalid "seriesLists" value specified for function "reduceSeries" parameter "seriesLists"/);
  assert.deepEqual(await evaluate('mapSeries(no.such, 1)'), []);
  assert.deepEqual(await evaluate('reduceSeries(no.such, "diffSeries", 3, "user")'), []);
});
