import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import type { Series } from '../series.js';
import { pyRound } from '../../lib/python-format.js';
import { lookBackSeconds, movingWindowRange } from './lib/moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './lib/params.js';
import { safeAvg } from './lib/safe.js';
import { pyCopy } from './lib/series-ops.js';

export const exponentialMovingAverage = defineFunction({
  name: 'exponentialMovingAverage',
  group: 'Calculate',
  description: `An exponential moving average: each point is \`k * value + (1 - k) * previous\`,
with \`k = 2 / (windowSize + 1)\`, started from the plain average of the window before the
requested range (which is fetched for it). A null point stays null and does not move the
average. Values are rounded to 6 decimals.

The window is a number of points or an interval string; for an interval, \`k\` is computed from
its length in seconds.

.. code-block:: none

  &target=exponentialMovingAverage(shop.orders,10)
  &target=exponentialMovingAverage(shop.orders,"5min")`,
  params: [SERIES_LIST, param.intOrInterval('windowSize', { required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS })],
  refetch: movingWindowRange,
  run(_ctx, { seriesList, windowSize }, [preview]) {
    if (seriesList.length === 0) return [];
    const previewSeconds = lookBackSeconds(windowSize, { maxStep: () => Math.max(...seriesList.map((s) => s.step)) });
    const interval = typeof windowSize === 'string';
    const constant = 2 / ((interval ? previewSeconds : Math.trunc(windowSize)) + 1);
    const sizeText = String(windowSize);
    return preview.map((s) => {
      const windowPoints = interval ? Math.floor(previewSeconds / s.step) : Math.trunc(windowSize);
      const name = interval ? `exponentialMovingAverage(${s.name},"${sizeText}")` : `exponentialMovingAverage(${s.name},${sizeText})`;
      return pyCopy(s, { name, start: s.start + previewSeconds, values: ema(s, windowPoints, constant), tags: { ...s.tags, exponentialMovingAverage: sizeText } });
    });
  },
});

/**
 * The average of the first `windowPoints` values (0 without any), then one point per value
 * after them: as graphite-web, one more point than the values after the window, which the
 * formats show at the series' end.
 */
function ema(s: Series, windowPoints: number, constant: number): Float64Array {
  const v = s.values;
  const out = new Float64Array(1 + Math.max(0, v.length - windowPoints));
  let avg = safeAvg(v.subarray(0, Math.max(0, windowPoints)));
  // Python's `or 0`: no value, or an average of exactly 0
  if (avg !== avg) avg = 0;
  out[0] = pyRound(avg, 6);
  for (let i = windowPoints, o = 1; i < v.length; i++, o++) {
    const x = v[i];
    if (x === x) {
      avg = constant * x + (1 - constant) * avg;
      out[o] = pyRound(avg, 6);
    } else {
      out[o] = NaN;
    }
  }
  return out;
}
