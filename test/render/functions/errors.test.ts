/** Bad arguments that only the functions themselves can see answer 400 naming the problem, through /render. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startGoldenApp } from '../../helpers/golden-app.js';
import { GOLDEN_NOW as NOW } from '../../helpers/golden-data.js';

const golden = await startGoldenApp();
const app = golden.app;
test.after(() => golden.destroy());

const cases: [string, RegExp][] = [
  ['divideSeries(servers.web01.cpu.user,servers.*.cpu.user)', /divideSeries second argument must reference exactly 1 series \(got 4\)/],
  ['summarize(servers.web01.cpu.user,"0min")', /"intervalString" must be a positive interval, got "0min"/],
  ['summarize(servers.web01.cpu.user,"-1h")', /"intervalString" must be a positive interval/],
  ['aliasSub(servers.web01.cpu.user,"(","x")', /invalid regular expression "\("/],
  ['grep(servers.*.cpu.user,"[")', /invalid regular expression "\["/],
  ['groupByNode(servers.*.cpu.*,1,"scale")', /Unsupported aggregation function: scale/],
  ['nPercentile(servers.web01.cpu.user,0)', /greater than 0/],
  ['asPercent(servers.*.cpu.user,servers.web0{1,2}.cpu.user)', /asPercent second argument must be missing/],
  ['timeShift(servers.web01.cpu.user,"")', /"timeShift" must not be empty/],
  ["seriesByTag('host!=web01')", /At least one tagspec must not match the empty string/],
  ["seriesByTag('web01')", /Invalid tagspec web01/],
  ['highest(servers.*.cpu.user,1,"maxSeries")', /Unsupported aggregation function: maxSeries/],
  ['useSeriesAbove(servers.*.cpu.user,0,"(","x")', /invalid regular expression "\("/],
  ['aliasQuery(servers.web01.cpu.user,"cpu","nothing","%d")', /No series found with query: servers.web01.nothing.user/],
  ['aliasQuery(servers.web01.cpu.user,"cpu.user","memory.used","Memory")', /not all arguments converted during string formatting/],
  ['hitcount(servers.web01.cpu.user,"-10min")', /"intervalString" must be a positive interval/],
  ['timeStack(servers.web01.cpu.user,"1s",0,100000)', /at most 10000 shifts/],
  ['timeSlice(servers.web01.cpu.user,1795316000)', /must be a quoted time/],
  ['time("x",0)', /step must be a positive number of seconds/],
  ['removeAbovePercentile(servers.web01.cpu.user,0)', /greater than 0/],
  ['sortBy(servers.*.cpu.user,"sumSeries")', /Unsupported aggregation function: sumSeries/],
  ['delay(servers.web01.cpu.user,1.5)', /Invalid "integer" value specified for function "delay" parameter "steps": 1.5/],
  ['integralByInterval(servers.web01.cpu.user,"soon")', /Invalid interval value for parameter "intervalUnit"/],
  ['log(servers.web01.cpu.user,1)', /invalid base 1/],
  ['scaleToSeconds(servers.web01.cpu.user,inf)', /seconds must be a finite number/],
];

for (const [target, message] of cases) {
  test(`400: ${target}`, async () => {
    const res = await app.http.inject({ method: 'GET', url: `/render?format=json&from=-10min&now=${NOW}&target=${encodeURIComponent(target)}` });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, message);
    assert.ok(res.body.includes(target), 'the message names the target');
  });
}
