/**
 * Differential check of /render against graphite-web: random targets (nested calls of the
 * render functions over the oracle's sample paths, random ranges, sometimes maxDataPoints),
 * in every output format, with the at-time grammar, noNullPoints, tz and jsonp, are asked of
 * carbyne (the golden app: the real engine fed the sample points) and of the oracle
 * serving the same data as whisper files, and the answers compared as the golden tests do.
 *
 *   npx tsx test/tools/render-diff.ts [ORACLE_URL] [COUNT] [SEED]
 *
 * The oracle must serve test/fixtures/oracle's data made with NOW=1795316580. Prints each
 * mismatch (target, url, first difference) and a summary; exits 1 on any mismatch. Not part of
 * `npm test` (it needs a running oracle and minutes); a mismatch it finds becomes a golden case.
 */
import { startGoldenApp } from '../helpers/golden-app.js';
import { assertSameAnswer, type Answer } from '../helpers/render-compare.js';
import { diffArgs } from './oracle-diff-args.js';

const NOW = 1795316580;
const { oracle, count, rand, pick, int } = diffArgs(300);

const PATHS = [
  'servers.*.cpu.user',
  'servers.web01.cpu.*',
  'servers.*.memory.used',
  'servers.*.disk.bytes_written',
  'apps.*.requests.count',
  'apps.api.latency.*',
  'apps.api.requests.*',
  'apps.worker.queue.depth',
  'counters.network.eth0.rx_bytes',
  'counters.literal.points',
  'servers.{web01,db01}.cpu.system',
  'servers.web0[12].cpu.user',
  'servers.*.*.*',
  'nonexistent.*',
];
const AGG = ['sum', 'avg', 'average', 'min', 'max', 'last', 'count', 'median', 'range', 'diff', 'multiply', 'stddev'];
const INTERVALS = ['"1min"', '"5min"', '"10min"', '"1h"', '"30s"', '"1d"'];
const num = () => pick(['0', '1', '2', '-1', '0.5', '10', '1e3', '-2.5', '100']);

/** A series-list expression of at most `depth` nested calls. */
function expr(depth: number): string {
  if (depth <= 0 || rand() < 0.3) return pick(PATHS);
  const x = () => expr(depth - 1);
  const forms: (() => string)[] = [
    () => `scale(${x()},${num()})`,
    () => `offset(${x()},${num()})`,
    () => `absolute(${x()})`,
    () => (rand() < 0.5 ? `transformNull(${x()})` : `transformNull(${x()},${num()})`),
    () => (rand() < 0.5 ? `keepLastValue(${x()})` : `keepLastValue(${x()},${int(0, 5)})`),
    () => `perSecond(${x()})`,
    () => (rand() < 0.5 ? `nonNegativeDerivative(${x()})` : `nonNegativeDerivative(${x()},${pick(['100', '1000', '1e9'])})`),
    () => `derivative(${x()})`,
    () => `integral(${x()})`,
    () => `movingAverage(${x()},${rand() < 0.5 ? int(1, 30) : pick(INTERVALS)})`,
    () => `movingSum(${x()},${rand() < 0.5 ? int(1, 30) : pick(INTERVALS)})`,
    () => `summarize(${x()},${pick(INTERVALS)},"${pick(['sum', 'avg', 'max', 'min', 'last', 'count', 'median'])}"${rand() < 0.3 ? ',true' : ''})`,
    () => `smartSummarize(${x()},${pick(INTERVALS)},"${pick(['sum', 'avg', 'max', 'last'])}")`,
    () => `timeShift(${x()},${pick(['"1h"', '"-30min"', '"1d"', '"+10min"'])})`,
    () => `highestMax(${x()},${int(1, 3)})`,
    () => `highestCurrent(${x()},${int(1, 3)})`,
    () => `highestAverage(${x()},${int(1, 3)})`,
    () => `lowestAverage(${x()},${int(1, 3)})`,
    () => `limit(${x()},${int(0, 3)})`,
    () => `exclude(${x()},"${pick(['web', 'user', '0[12]', 'api'])}")`,
    () => `grep(${x()},"${pick(['web', 'user', '0[12]', 'api'])}")`,
    () => `removeBelowValue(${x()},${num()})`,
    () => `removeAboveValue(${x()},${num()})`,
    () => `sortByName(${x()}${rand() < 0.5 ? ',true' : ''}${rand() < 0.3 ? ',false,true' : ''})`,
    () => `sortByMaxima(${x()})`,
    () => `nPercentile(${x()},${pick(['50', '90', '99', '0', '100', '33.3'])})`,
    () => `xFilesFactor(${x()},${pick(['0', '0.5', '1'])})`,
    () => `consolidateBy(${x()},"${pick(['sum', 'average', 'min', 'max', 'first', 'last', 'avg_zero'])}")`,
    () => `alias(${x()},"renamed")`,
    () => `aliasByNode(${x()},${int(0, 3)}${rand() < 0.3 ? `,${int(-2, 3)}` : ''})`,
    () => `aliasByMetric(${x()})`,
    () => `aliasSub(${x()},"${pick(['(^.*$)', 'cpu\\\\.(\\\\w+)', '^([^.]+)\\\\.'])}","${pick(['\\\\1 A', 'X', '\\\\g<1>-'])}")`,
    () => `legendValue(${x()},"${pick(['avg', 'max', 'last', 'total', 'min'])}")`,
    () => `sumSeries(${x()})`,
    () => `averageSeries(${x()})`,
    () => `minSeries(${x()})`,
    () => `maxSeries(${x()})`,
    () => `countSeries(${x()})`,
    () => `diffSeries(${x()})`,
    () => `multiplySeries(${x()})`,
    () => `sumSeries(${x()},${x()})`,
    () => `group(${x()},${x()})`,
    () => `groupByNode(${x()},${int(0, 3)},"${pick(AGG)}")`,
    () => `groupByNodes(${x()},"${pick(AGG)}",${int(0, 3)},${int(0, 3)})`,
    () => `divideSeries(${x()},${pick(['servers.web01.cpu.user', 'apps.api.requests.count', 'counters.literal.points'])})`,
    () => (rand() < 0.5 ? `asPercent(${x()})` : `asPercent(${x()},${pick(['100', 'servers.web01.cpu.user', 'sumSeries(servers.*.cpu.user)'])})`),
    () => `constantLine(${num()})`,
    // Filter Series and Special (randomWalk is left out: its values are random)
    () => `${pick(['averageAbove', 'averageBelow', 'currentAbove', 'currentBelow', 'maximumAbove', 'maximumBelow', 'minimumAbove', 'minimumBelow'])}(${x()},${num()})`,
    () => `filterSeries(${x()},"${pick(AGG)}","${pick(['=', '!=', '>', '>=', '<', '<='])}",${num()})`,
    () => `${pick(['highest', 'lowest'])}(${x()},${int(-1, 3)}${rand() < 0.7 ? `,"${pick(AGG)}"` : ''})`,
    () => `${pick(['lowestCurrent', 'mostDeviant'])}(${x()},${int(-1, 3)})`,
    () => `${pick(['averageOutsidePercentile', 'removeBetweenPercentile'])}(${x()},${pick(['10', '50', '75', '90', '99'])})`,
    () => `removeEmptySeries(${x()}${rand() < 0.5 ? `,${pick(['0', '0.5', '0.9', '1'])}` : ''})`,
    () => `unique(${x()},${x()})`,
    () => `useSeriesAbove(${x()},${num()},"${pick(['user', 'cpu', 'web01', 'count'])}","${pick(['system', 'memory', 'web02', 'errors'])}")`,
    () => `cactiStyle(${x()}${rand() < 0.6 ? `,"${pick(['si', 'binary'])}"` : ''}${rand() < 0.3 ? ',"B"' : ''})`,
    () => `${pick(['changed', 'cumulative'])}(${x()})`,
    () => `fallbackSeries(${x()},${x()})`,
    () => `substr(${x()}${rand() < 0.8 ? `,${int(-3, 3)}` : ''}${rand() < 0.5 ? `,${int(-2, 4)}` : ''})`,
  ];
  return pick(forms)();
}

async function ask(base: string, url: string): Promise<Answer> {
  const res = await fetch(base + url);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

const golden = await startGoldenApp();
let mismatches = 0;
let oracleErrors = 0;
try {
  for (let i = 0; i < count; i++) {
    const target = expr(3);
    const from = pick([600, 3600, 6 * 3600, 86400, 3 * 86400, 7 * 86400, 40 * 86400]);
    const until = pick([0, 0, 0, 300, 3600]);
    const format = rand() < 0.6 ? 'json' : pick(['csv', 'raw', 'pickle', 'msgpack', 'dygraph', 'rickshaw']);
    const q = new URLSearchParams({ target, format, now: String(NOW) });
    // times as epoch seconds mostly, sometimes in the at-time grammar (relative to now=NOW)
    if (rand() < 0.7) {
      q.set('from', String(NOW - from));
      q.set('until', String(NOW - until));
    } else {
      q.set('from', pick(['-1h', '-6h', '-1d', '-2days', 'midnight', 'yesterday', 'noon yesterday', '-1w', '20261121', '03:00_20261122', '-90min']));
      q.set('until', pick(['now', '-5min', '-1h', 'now']));
    }
    if (format === 'json' && rand() < 0.25) q.set('maxDataPoints', String(pick([10, 100, 500, 1000])));
    if (rand() < 0.15) q.set('noNullPoints', 'true');
    if (rand() < 0.2) q.set('tz', pick(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC']));
    if (format === 'json' && rand() < 0.1) q.set('jsonp', 'cb');
    const url = `/render?${q}`;
    const expected = await ask(oracle, url);
    const actual = await ask(golden.url, url);
    if (expected.status >= 500) {
      // graphite-web answers bad arguments with a 500 traceback unless input validation is on,
      // and some good ones too (Python 3 comparisons with None, an empty list consolidated):
      // listed for a person to judge, not counted
      oracleErrors++;
      if (actual.status !== 400) console.log(`GRAPHITE-WEB ERROR ${target}\n  ${url}\n  graphite-web ${expected.status}, carbyne ${actual.status}: ${actual.body.toString('utf8').slice(0, 200)}`);
      continue;
    }
    try {
      assertSameAnswer(target, actual, expected);
    } catch (err) {
      mismatches++;
      console.log(`MISMATCH ${target}\n  ${url}\n  ${(err as Error).message.split('\n').slice(0, 8).join('\n  ')}`);
    }
  }
} finally {
  await golden.destroy();
}
console.log(`${count} targets, ${mismatches} mismatches, ${oracleErrors} graphite-web errors`);
process.exitCode = mismatches > 0 ? 1 : 0;
