/**
 * graphite-web's `_summarizeValues`: the points of a series cut into buckets of `interval`
 * seconds from `newStart` until `newEnd`; each bucket is aggregated (nulls included, for the
 * functions that care) when enough of it is non-null, counted against the bucket's full size.
 */
import type { Series } from '../../series.js';
import { seriesValues } from './consolidate.js';
import type { AggFunc } from './safe.js';
import { xff } from './xff.js';

export function summarizeValues(series: Series, agg: AggFunc, interval: number, newStart = series.start, newEnd = series.end): { values: Float64Array; alignedEnd: number } {
  const datapoints = seriesValues(series);
  const numPoints = Math.min(Math.max(0, Math.ceil((series.end - series.start) / series.step)), datapoints.length);
  const ts = (i: number) => series.start + i * series.step;
  const intervalPoints = interval / series.step;
  const out: number[] = [];
  let i = 0;
  let t = newStart;
  while (t < newEnd) {
    let s = i;
    let nonNull = 0;
    while (i < numPoints && ts(i) < t + interval) {
      if (ts(i) <= t) s = i;
      if (ts(i) >= t && datapoints[i] === datapoints[i]) nonNull++;
      i++;
    }
    out.push(xff(nonNull, intervalPoints, series.xFilesFactor) ? agg(datapoints.subarray(s, i)) : NaN);
    t += interval;
  }
  return { values: Float64Array.from(out), alignedEnd: t };
}
