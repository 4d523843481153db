import { defineFunction, InputError, type EvalContext } from '../function-types.js';
import { param } from '../function-params.js';
import { parseATTime } from '../attime.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const timeSlice = defineFunction({
  name: 'timeSlice',
  group: 'Transform',
  description: `Keeps only the points between two times, both included (in the \`from\`/\`until\`
syntax; the end is \`now\` unless given); the points outside become null. Points are counted
from the start of the requested range, one step each.

.. code-block:: none

  &target=timeSlice(network.core.port1,"00:00 20260101","12:00 20260630")`,
  params: [SERIES_LIST, param.date('startSliceAt', { required: true }), param.date('endSliceAt', { default: 'now' })],
  run(ctx, { seriesList, startSliceAt, endSliceAt }) {
    const start = sliceTime(ctx, startSliceAt, 'startSliceAt');
    const end = sliceTime(ctx, endSliceAt, 'endSliceAt');
    return mapPaced(ctx, seriesList, (s) => {
      // graphite-web counts each point's time from the request's start, not the series' own
      const requestStart = Math.trunc(ctx.startTime);
      const values = mapValues(s.values, (v, i) => {
        const t = requestStart + i * s.step;
        return t < start || t > end ? NaN : v;
      });
      return s.copy({ name: `timeSlice(${s.name}, ${start}, ${end})`, values, tags: { ...s.tags, timeSliceStart: String(start), timeSliceEnd: String(end) } });
    });
  },
});

/** an at-time, read in the request's zone and relative to its `now` */
function sliceTime(ctx: EvalContext, at: string | number, param: string): number {
  // graphite-web's parseATTime only reads text (a bare number fails there)
  if (typeof at !== 'string') throw new InputError(`timeSlice: parameter "${param}" must be a quoted time such as "-1h" or "00:00 20260101", got ${at}`);
  return Math.trunc(parseATTime(at, ctx.tz, ctx.now));
}
