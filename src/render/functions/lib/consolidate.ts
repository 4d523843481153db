/**
 * graphite-web's TimeSeries consolidation (datalib `__consolidatingGenerator`): every
 * `valuesPerPoint` values become one, by the series' consolidation function, or None when the
 * share of non-null values is below the series' xFilesFactor. A trailing partial bucket still
 * gives a value, measured against the full bucket size.
 */
import type { ConsolidationFunc, Series } from '../../series.js';

export function consolidateValues(values: Float64Array, valuesPerPoint: number, func: ConsolidationFunc, xFilesFactor: number): Float64Array {
  if (valuesPerPoint <= 1) return values;
  const out = new Float64Array(Math.ceil(values.length / valuesPerPoint));
  for (let b = 0, i = 0; i < values.length; b++, i += valuesPerPoint) {
    const stop = Math.min(values.length, i + valuesPerPoint);
    let nonNull = 0;
    let acc = NaN;
    for (let j = i; j < stop; j++) {
      const v = values[j];
      if (v !== v) continue;
      if (nonNull === 0) acc = v;
      else if (func === 'sum' || func === 'average' || func === 'avg' || func === 'avg_zero') acc += v;
      else if (func === 'min') acc = v < acc ? v : acc;
      else if (func === 'max') acc = v > acc ? v : acc;
      else if (func === 'last') acc = v;
      nonNull++;
    }
    if (nonNull === 0 || nonNull / valuesPerPoint < xFilesFactor) {
      out[b] = NaN;
    } else if (func === 'average' || func === 'avg') {
      out[b] = acc / nonNull;
    } else if (func === 'avg_zero') {
      // nulls join the bucket as zeros, so the divisor is every value seen
      out[b] = acc / (stop - i);
    } else {
      out[b] = acc;
    }
  }
  return out;
}

/** The values a series yields when iterated, as graphite-web's TimeSeries.__iter__ does. */
export function seriesValues(s: Series): Float64Array {
  return s.valuesPerPoint > 1 ? consolidateValues(s.values, s.valuesPerPoint, s.consolidationFunc, s.xFilesFactor) : s.values;
}
