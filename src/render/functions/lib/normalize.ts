/**
 * graphite-web's `normalize`: series of different steps brought to one step, the least
 * common multiple of theirs, each consolidated by its own function; start is the earliest
 * start, end the latest end trimmed to a whole number of steps from start. Values are then
 * paired by index (izip_longest), not re-aligned by time.
 */
import { pyMod } from '../../../lib/python-math.js';
import type { Series } from '../../series.js';
import { consolidateValues } from './consolidate.js';
import { runWhole } from '../../../lib/work-slicer.js';
import type { PointWork } from './paced.js';

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: number, b: number): number {
  if (a === b) return a;
  if (a < b) [a, b] = [b, a];
  return Math.floor(a / gcd(a, b)) * b;
}

export interface Normalized {
  series: Series[];
  /** each series' values consolidated to `step`, in the order of `series` */
  values: Float64Array[];
  start: number;
  end: number;
  step: number;
}

/** null where graphite-web raises NormalizeEmptyResultError (no series at all) */
export function normalize(seriesLists: readonly (readonly Series[])[]): Normalized | null {
  return runWhole(normalizeWork(seriesLists));
}

/** normalize as work in steps (a series each), for runPaced. */
export function* normalizeWork(seriesLists: readonly (readonly Series[])[]): PointWork<Normalized | null> {
  const series = seriesLists.flat();
  if (series.length === 0) return null;
  let step = series[0].step;
  for (const s of series) step = lcm(step, s.step);
  let start = Infinity;
  let end = -Infinity;
  const values: Float64Array[] = [];
  for (const s of series) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
    values.push(consolidateValues(s.values, Math.floor(step / s.step), s.consolidationFunc, s.xFilesFactor));
    // a series already at the common step costs nothing here
    yield s.step === step ? 0 : s.values.length;
  }
  end -= pyMod(end - start, step);
  return { series, values, start, end, step };
}

/** the length izip_longest gives: the longest input */
export function longest(values: readonly ArrayLike<number>[]): number {
  let n = 0;
  for (const v of values) if (v.length > n) n = v.length;
  return n;
}

/** value i of a list, or None past its end (izip_longest's padding) */
export function at(values: ArrayLike<number>, i: number): number {
  return i < values.length ? values[i] : NaN;
}
