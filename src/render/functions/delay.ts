import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

/**
 * graphite-web's list slicing: the values moved `steps` later (earlier when negative), the
 * freed end padded with nulls. Zero steps slices everything away (`values[:-0]` is empty).
 */
export function delayValues(values: Float64Array, steps: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(steps === 0 ? 0 : n).fill(NaN);
  if (steps > 0) out.set(values.subarray(0, Math.max(0, n - steps)), Math.min(steps, n));
  else if (steps < 0) out.set(values.subarray(Math.min(-steps, n)), 0);
  return out;
}

export const delay = defineFunction({
  name: 'delay',
  group: 'Transform',
  description: `Moves every point \`steps\` points later (earlier when negative), whatever the step
of the series; the points moved in at the edge are null. Dividing a series by its own delayed
self gives the change from one point to the next, for instance.

.. code-block:: none

  &target=divideSeries(disk.free,delay(disk.free,1))`,
  params: [SERIES_LIST, param.integer('steps', { required: true })],
  run(ctx, { seriesList, steps }) {
    return mapPaced(ctx, seriesList, (s) => {
      const out = pyCopy(s, { name: `delay(${s.name},${steps})`, values: delayValues(s.values, steps), tags: { ...s.tags, delay: String(steps) } });
      out.integral = s.integral;
      return out;
    });
  },
});
