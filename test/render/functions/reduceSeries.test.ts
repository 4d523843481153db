import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce, reduceSeries } from '../../../src/render/functions/reduceSeries.js';
import { call, context, series, vals } from './helpers.js';

const disks = () => [
  [series('servers.a.disk.used', 0, 10, [1, 2, null]), series('servers.a.disk.total', 0, 10, [4, 0, 8])],
  [series('servers.b.disk.total', 0, 10, [10, 10, 10]), series('servers.b.disk.used', 0, 10, [5, null, 2]), series('servers.b.disk.free', 0, 10, [5, 9, 8])],
];

test('each group through the function by name, its series in the order of the matchers, named after the reduced node', async () => {
  const out = await call(reduceSeries, { seriesLists: disks(), reduceFunction: 'divideSeries', reduceNode: 3, reduceMatchers: ['used', 'total'] });
  assert.deepEqual(out.map((s) => s.name), ['servers.a.disk.reduce.divideSeries', 'servers.b.disk.reduce.divideSeries']);
  assert.deepEqual(vals(out[0]), [0.25, null, null]);
  assert.deepEqual(vals(out[1]), [0.5, null, 0.2]);
  // the name is replaced; the pathExpression and tags stay the function's
  assert.equal(out[0].pathExpression, 'divideSeries(servers.a.disk.used,servers.a.disk.total)');
  assert.equal(out[0].tags.name, 'divideSeries(servers.a.disk.used,servers.a.disk.total)');
});

test('an aggregation gets one list of one series per matcher; series no matcher names are left out', async () => {
  const [out] = await call(reduce, { seriesLists: [disks()[1]], reduceFunction: 'sumSeries', reduceNode: -1, reduceMatchers: ['free', 'used'] });
  assert.equal(out.name, 'servers.b.disk.reduce.sumSeries');
  assert.equal(out.pathExpression, 'sumSeries(servers.b.disk.free,servers.b.disk.used)');
  assert.deepEqual(vals(out), [10, 9, 10]);
});

test('groups are made by the reduced name across all the lists, a later series replacing an earlier one of the same slot', async () => {
  const lists = [[series('x.a.used', 0, 10, [1])], [series('x.a.total', 0, 10, [4]), series('x.a.used', 0, 10, [3])]];
  const out = await call(reduceSeries, { seriesLists: lists, reduceFunction: 'diffSeries', reduceNode: 2, reduceMatchers: ['total', 'used'] });
  assert.deepEqual(out.map((s) => [s.name, vals(s)]), [['x.a.reduce.diffSeries', [1]]]);
  assert.deepEqual(await call(reduceSeries, { seriesLists: [], reduceFunction: 'nothing', reduceNode: 2, reduceMatchers: ['total'] }), []);
});

test('what graphite-web fails on with a 500 is a 400 naming the problem', async () => {
  const run = (args: { lists?: ReturnType<typeof disks>; fn?: string; node?: number; matchers?: string[] }, ctx = context()) =>
    call(reduceSeries, { seriesLists: args.lists ?? disks(), reduceFunction: args.fn ?? 'sumSeries', reduceNode: args.node ?? 3, reduceMatchers: args.matchers ?? ['used', 'free'] }, ctx);
  await assert.rejects(run({}), /no series for the matcher "free" of servers\.a\.disk\.reduce\.sumSeries/);
  await assert.rejects(run({ fn: 'noSuchFunction', matchers: ['used'] }), /unknown function: noSuchFunction/);
  await assert.rejects(run({ node: 4 }), /servers\.a\.disk\.used has no node 4/);
  await assert.rejects(run({ fn: 'scale', matchers: ['used', 'total'] }), /Invalid "float" value specified for function "scale" parameter "factor"/);
  const answersNothing = context();
  answersNothing.seriesFunction = (name) => ({ name, aggregator: false, call: async () => [] });
  await assert.rejects(run({ matchers: ['used'] }, answersNothing), /sumSeries answered no series for servers\.a\.disk\.reduce\.sumSeries/);
});
