/**
 * The Combine functions through /render: bad arguments only the functions can see answer 400
 * naming the problem and the target, and targets applyByNode builds count against the request's
 * caps like the request's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startGoldenApp } from '../../helpers/golden-app.js';
import { GOLDEN_NOW as NOW } from '../../helpers/golden-data.js';

const golden = await startGoldenApp({ config: { limits: { render: { maxSeries: 6 } } } });
test.after(() => golden.destroy());

const render = (target: string) =>
  golden.app.http.inject({ method: 'GET', url: `/render?format=json&from=-10min&now=${NOW}&target=${encodeURIComponent(target)}` });

const cases: [string, RegExp][] = [
  ['sumSeriesLists(servers.*.cpu.user,servers.web01.cpu.user)', /seriesListFirstPos and seriesListSecondPos argument must have equal length/],
  ['aggregateSeriesLists(servers.web01.cpu.user,servers.*.cpu.user,"max")', /must have equal length/],
  ['divideSeriesLists(servers.*.cpu.user,servers.web01.cpu.user)', /dividendSeriesList and divisorSeriesList argument must have equal length/],
  ['weightedAverage(servers.*.cpu.user,servers.web01.cpu.user,1)', /received respectively 4 and 1/],
  ['percentileOfSeries(servers.*.cpu.user,0)', /greater than 0/],
  ['aggregate(servers.*.cpu.user,"scale")', /Invalid "aggFunc" value specified for function "aggregate" parameter "func": 'scale'/],
  ['mapSeries(servers.web0*.cpu.*,1)', /mapSeries answers a list of series lists, which only reduceSeries takes/],
  ['sumSeries(map(servers.web01.cpu.*,1))', /Invalid "seriesList" value specified for function "sumSeries"/],
  ['reduceSeries(mapSeries(servers.web0*.cpu.*,1),"sumSeries",3,"user","nice")', /no series for the matcher "nice" of servers\.web01\.cpu\.reduce\.sumSeries/],
  ['reduceSeries(mapSeries(servers.web0*.cpu.*,1),"nope",3,"user")', /unknown function: nope/],
  ['applyByNode(servers.web01.cpu.user,1,"sumSeries(%.cpu.*")', /sumSeries\(servers\.web01\.cpu\.\*/],
];

for (const [target, message] of cases) {
  test(`400: ${target}`, async () => {
    const res = await render(target);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, message);
    assert.ok(res.body.includes(target), 'the message names the target');
  });
}

test("applyByNode's targets read within the request's cap on series", async () => {
  // 2 series given, 4 read by the targets built from them: within 6
  assert.equal((await render('applyByNode(servers.web0{1,2}.cpu.user,1,"sumSeries(%.cpu.*)")')).statusCode, 200);
  // 4 given, 8 read
  const res = await render('applyByNode(servers.*.cpu.user,1,"sumSeries(%.cpu.*)")');
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /more than 6 series.*limits\.render\.maxSeries/);
});
