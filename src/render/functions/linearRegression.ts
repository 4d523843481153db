import { defineFunction, type CallRange, type TimeRange } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { parseATTime } from '../attime.js';
import { isDst, utcOffset } from '../timezone.js';
import { SERIES_LIST } from './lib/params.js';

/**
 * graphite-web parses startSourceAt and endSourceAt in its own TIME_ZONE, not the request's tz;
 * carbyne's is UTC (the zone /render falls back to).
 */
const SERVER_ZONE = 'UTC';

export const linearRegression = defineFunction({
  name: 'linearRegression',
  group: 'Calculate',
  description: `Replaces each series by its least-squares straight line. The line is fitted to the
points between \`startSourceAt\` and \`endSourceAt\` (times as \`from\` and \`until\` take them,
both included; the requested range by default), which are fetched for it, and drawn over the
requested range.

.. code-block:: none

  &target=linearRegression(hosts.web01.disk.used,"-7d")
  &target=linearRegression(hosts.*.disk.used,"00:00 20240101","00:00 20240201")`,
  params: [SERIES_LIST, param.date('startSourceAt'), param.date('endSourceAt')],
  refetch: ({ startSourceAt, endSourceAt }, range) => [sourceRange(startSourceAt, endSourceAt, range)],
  run(ctx, { seriesList, startSourceAt, endSourceAt }, [sources]) {
    const source = sourceRange(startSourceAt, endSourceAt, ctx);
    // the request's own bounds are datetimes in the request's zone; the times given, in the server's
    const from = startSourceAt === undefined ? mktime(ctx.tz, source.startTime) : source.startTime;
    const until = endSourceAt === undefined ? mktime(ctx.tz, source.endTime) : source.endTime;
    const out: Series[] = [];
    // paired by position, as graphite-web zips them
    for (let k = 0; k < Math.min(sources.length, seriesList.length); k++) {
      const fit = leastSquares(sources[k]);
      if (fit === null) continue;
      const s = seriesList[k];
      const name = `linearRegression(${s.name}, ${from}, ${until})`;
      const values = new Float64Array(s.values.length);
      for (let i = 0; i < values.length; i++) values[i] = fit.offset + (s.start + i * s.step) * fit.factor;
      out.push(new Series(name, s.start, s.end, s.step, values, { tags: { ...s.tags, linearRegressions: `${from}, ${until}` }, xFilesFactor: s.xFilesFactor }));
    }
    return out;
  },
});

/**
 * graphite-web names the range by `time.mktime(dt.timetuple())` in a server whose zone is UTC:
 * the wall clock of `t` in `zone` read as UTC, an hour earlier when daylight saving time is in
 * force there (glibc's mktime, asked for DST in a zone without it, takes the hour off).
 */
function mktime(zone: string, t: number): number {
  return t + utcOffset(zone, t) - (isDst(zone, t) ? 3600 : 0);
}

/** the range the line is fitted over: the request's, or the times given (as graphite-web, relative ones from `now`) */
function sourceRange(start: string | number | undefined, end: string | number | undefined, range: CallRange): TimeRange {
  return {
    startTime: start === undefined ? range.startTime : parseATTime(String(start), SERVER_ZONE, range.now),
    endTime: end === undefined ? range.endTime : parseATTime(String(end), SERVER_ZONE, range.now),
  };
}

/**
 * graphite-web's _linearRegressionAnalysis: value = factor * time + offset over the non-null
 * points, or null when they do not fix a line. Its sums of indices are Python ints (exact, here
 * BigInt), converted to float where Python converts them.
 */
function leastSquares(s: Series): { factor: number; offset: number } | null {
  let n = 0n;
  let sumI = 0n;
  let sumII = 0n;
  let sumV = 0;
  let sumIV = 0;
  const v = s.values;
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) continue;
    const bi = BigInt(i);
    n++;
    sumI += bi;
    sumII += bi * bi;
    sumV += v[i];
    sumIV += i * v[i];
  }
  const denominator = Number(n * sumII - sumI * sumI);
  if (denominator === 0) return null;
  const factor = (Number(n) * sumIV - Number(sumI) * sumV) / denominator / s.step;
  const offset = (Number(sumII) * sumV - sumIV * Number(sumI)) / denominator - factor * s.start;
  return { factor, offset };
}
