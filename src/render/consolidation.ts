import type { ConsolidationFunc } from './series.js';
import { pyMod } from '../lib/python-math.js';
import { Series } from './series.js';
import { InputError } from './function-types.js';

/**
 * graphite-web's runtime consolidation (datalib.TimeSeries): values are read in buckets of
 * `valuesPerPoint`; a bucket gives `func(non-null values)` when it has a non-null value and the
 * share of non-null values reaches xFilesFactor, else null. A trailing partial bucket counts
 * against the full bucket size. `avg_zero` counts nulls as zeros (within that rule).
 */
export function consolidatedValues(series: Series): Float64Array {
  const vpp = series.valuesPerPoint;
  const values = series.values;
  if (vpp <= 1) return values;
  const reduce = reducer(series.consolidationFunc);
  const zeroNulls = series.consolidationFunc === 'avg_zero';
  const out = new Float64Array(Math.ceil(values.length / vpp));
  const xff = series.xFilesFactor;
  for (let b = 0, i = 0; i < values.length; b++, i += vpp) {
    const end = Math.min(i + vpp, values.length);
    let nonNull = 0;
    for (let j = i; j < end; j++) if (values[j] === values[j]) nonNull++;
    out[b] = nonNull > 0 && nonNull / vpp >= xff ? reduce(values, i, end, zeroNulls) : NaN;
  }
  return out;
}

type Reduce = (values: Float64Array, from: number, to: number, zeroNulls: boolean) => number;

const sum: Reduce = (v, from, to) => {
  let s = 0;
  for (let i = from; i < to; i++) if (v[i] === v[i]) s += v[i];
  return s;
};

const REDUCERS: Record<ConsolidationFunc, Reduce> = {
  sum,
  average: (v, from, to, zeroNulls) => {
    let n = 0;
    for (let i = from; i < to; i++) if (v[i] === v[i] || zeroNulls) n++;
    return sum(v, from, to, zeroNulls) / n;
  },
  avg: (v, from, to, zeroNulls) => REDUCERS.average(v, from, to, zeroNulls),
  avg_zero: (v, from, to) => REDUCERS.average(v, from, to, true),
  min: (v, from, to) => {
    let m = Infinity;
    for (let i = from; i < to; i++) if (v[i] < m) m = v[i];
    return m;
  },
  max: (v, from, to) => {
    let m = -Infinity;
    for (let i = from; i < to; i++) if (v[i] > m) m = v[i];
    return m;
  },
  first: (v, from, to) => {
    for (let i = from; i < to; i++) if (v[i] === v[i]) return v[i];
    return NaN;
  },
  last: (v, from, to) => {
    for (let i = to - 1; i >= from; i--) if (v[i] === v[i]) return v[i];
    return NaN;
  },
};

function reducer(func: string): Reduce {
  const r = (REDUCERS as Record<string, Reduce | undefined>)[func];
  if (!r) throw new InputError(`Invalid consolidation function: '${func}'`);
  return r;
}

/**
 * maxDataPoints as graphite-web applies it to JSON answers (render/views.py renderViewJson):
 * over the time range of all series, a series with more points than asked gets
 * `valuesPerPoint = ceil(points / maxDataPoints)`; its start is nudged so buckets line up with
 * absolute time, dropping the first `nudge/step - 1` values. maxDataPoints 1 folds each series
 * into one point. Returns consolidated copies; the input series are not changed.
 */
export function applyMaxDataPoints(series: readonly Series[], maxDataPoints: number): Series[] {
  if (!series.some((s) => s.values.length > 0)) return [...series];
  const range = timeRangeOf(series);
  return series.map((s) => maxDataPointsOf(s, range, maxDataPoints));
}

/** The earliest start and the latest end of the series: what maxDataPoints divides. */
export function timeRangeOf(series: Iterable<{ readonly start: number; readonly end: number }>): { startTime: number; endTime: number } {
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const s of series) {
    if (s.start < startTime) startTime = s.start;
    if (s.end > endTime) endTime = s.end;
  }
  return { startTime, endTime };
}

/** applyMaxDataPoints of one series of the answer, `range` being that of the whole answer (timeRangeOf). */
export function maxDataPointsOf(s: Series, range: { startTime: number; endTime: number }, maxDataPoints: number): Series {
  if (maxDataPoints === 1) {
    // graphite-web cannot fold an empty series (a zero range step); it stays as it is
    return s.values.length === 0 ? s : s.copy({ values: s.values, valuesPerPoint: s.values.length });
  }
  const points = (range.endTime - range.startTime) / s.step;
  if (!(maxDataPoints < points)) return s;
  const vpp = Math.ceil(points / maxDataPoints);
  const secondsPerPoint = Math.trunc(vpp * s.step);
  const nudge = secondsPerPoint + pyMod(s.start, s.step) - pyMod(s.start, secondsPerPoint);
  const lose = Math.max(0, Math.trunc(nudge / s.step) - 1);
  return s.copy({ start: s.start + nudge, values: s.values.subarray(Math.min(lose, s.values.length)), valuesPerPoint: vpp });
}

/**
 * maxDataPointsOf with its consolidation done now: each point is already one of the answer
 * (step times valuesPerPoint apart), so the raw values can go. The answer writes the same
 * points and timestamps, and applyMaxDataPoints over such series changes nothing (their
 * starts only moved later, and each has at most maxDataPoints points over the range).
 * Not for maxDataPoints 1, whose fold keeps the series' own step.
 */
export function consolidatedNow(s: Series, range: { startTime: number; endTime: number }, maxDataPoints: number): Series {
  const c = maxDataPointsOf(s, range, maxDataPoints);
  if (c.valuesPerPoint <= 1) return c;
  return c.copy({ values: consolidatedValues(c), step: c.step * c.valuesPerPoint, valuesPerPoint: 1 });
}

/**
 * graphite-web's datapoint timestamps: `range(start, end + 1, step * valuesPerPoint)`, zipped
 * with the (consolidated) values, so the shorter of the two decides the count.
 */
export function datapointCount(series: Series, values: Float64Array): number {
  const stride = series.step * series.valuesPerPoint;
  if (!(stride > 0)) return 0;
  const stamps = series.end + 1 > series.start ? Math.ceil((series.end + 1 - series.start) / stride) : 0;
  return Math.min(stamps, values.length);
}
