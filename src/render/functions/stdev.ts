import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const stdev = defineFunction({
  name: 'stdev',
  group: 'Calculate',
  description: `The standard deviation of each series over a sliding window of \`points\`
points, the current one included. A point has no value when the share of non-null points in its
window is below \`windowTolerance\` (0.1 by default; 0 lets a single value do).

.. code-block:: none

  &target=stdev(hosts.*.load,30)
  &target=stdev(hosts.*.load,30,0.5)`,
  params: [SERIES_LIST, param.integer('points', { required: true }), param.float('windowTolerance', { default: 0.1 })],
  run(ctx, { seriesList, points, windowTolerance }) {
    return mapPaced(ctx, seriesList, (s) => {
      // graphite-web reads the window's dropped point at index - points, past the end when negative
      if (points < 0 && s.values.length > 0) throw new InputError(`stdev(): "points" must not be negative, got ${points}`);
      const name = `stdev(${s.name},${points})`;
      return pyCopy(s, { name, values: movingStdev(s.values, points, windowTolerance), tags: { ...s.tags, stdev: String(points) } });
    });
  },
});

/**
 * graphite-web's running sums: the value leaving the window is subtracted, the new one added,
 * in that order, so the rounding is the same as its own; a variance below zero by rounding is
 * no value, as Python's sqrt fails on it.
 */
function movingStdev(v: Float64Array, points: number, tolerance: number): Float64Array {
  const out = new Float64Array(v.length);
  let valid = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < v.length; i++) {
    const added = v[i];
    const dropped = i < points ? NaN : v[i - points];
    if (dropped === dropped) {
      valid--;
      sum -= dropped;
      sumOfSquares -= dropped * dropped;
    }
    if (added === added) {
      valid++;
      sum += added;
      sumOfSquares += added * added;
    }
    out[i] = valid > 0 && valid / points >= tolerance ? Math.sqrt(valid * sumOfSquares - sum * sum) / valid : NaN;
  }
  return out;
}
