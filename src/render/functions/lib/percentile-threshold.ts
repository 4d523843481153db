import { InputError } from '../../function-types.js';
import { pyFloatRepr } from '../../../lib/python-format.js';
import type { Series } from '../../series.js';
import { seriesValues } from './consolidate.js';
import { percentile } from './percentile.js';
import type { Threshold } from './remove-value-function.js';

/**
 * The level of removeAbovePercentile and removeBelowPercentile: the series' n-th percentile as
 * nPercentile works it out. graphite-web calls nPercentile itself, which leaves its
 * `nPercentile` tag on the series, and skips the series where nPercentile gives no point (no
 * value, a rank outside the points, no whole step in the range).
 */
export const percentileThreshold: Threshold = (s: Series, n: number) => {
  if (n === 0) throw new InputError('The requested percent is required to be greater than 0');
  if (Math.trunc((s.end - s.start) / s.step) <= 0) return undefined;
  let level: number;
  try {
    level = percentile(seriesValues(s), n);
  } catch (err) {
    // a rank past the points: Python's IndexError, which these functions skip
    if (err instanceof InputError) return undefined;
    throw err;
  }
  return level === level ? { level, tags: { ...s.tags, nPercentile: pyFloatRepr(n) } } : undefined;
};
