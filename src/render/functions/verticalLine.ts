import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { parseATTime } from '../attime.js';

export const verticalLine = defineFunction({
  name: 'verticalLine',
  group: 'Graph',
  description: `A vertical line across the graph at the time \`ts\` (relative such as \`-3h\`, or
absolute such as \`16:00_20240501\`, as \`from\` and \`until\` take times), optionally named
\`label\` in the legend and drawn in \`color\`. A time outside the requested range is an error.

.. code-block:: none

  &target=verticalLine("-5min")
  &target=verticalLine("12:00_20240501","release","blue")`,
  params: [param.date('ts', { required: true }), param.string('label'), param.string('color')],
  run(ctx, { ts, label, color }) {
    const at = parseATTime(String(ts), ctx.tz, ctx.now);
    const start = Math.trunc(ctx.startTime);
    const end = Math.trunc(ctx.endTime);
    if (at < start) throw new InputError(`verticalLine(): timestamp ${at} exists before start of range`);
    if (at > end) throw new InputError(`verticalLine(): timestamp ${at} exists after end of range`);
    // one point at `at`: two values over no time, drawn to infinity; no label names it None
    const line = new Series(label ?? 'None', at, at, 1, Float64Array.of(1, 1), { xFilesFactor: ctx.xFilesFactor });
    line.graph.drawAsInfinite = true;
    if (color) line.graph.color = color;
    return [line];
  },
});
