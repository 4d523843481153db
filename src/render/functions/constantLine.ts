import { defineFunction, type RequestContext } from '../function-types.js';
import { param } from '../function-params.js';
import { pyNumberStr } from '../../lib/python-format.js';
import { Series } from '../series.js';

/** three points (start, middle, end of the request) at `value`, named by the value as Python prints it */
export function constantLineSeries(ctx: RequestContext, value: number, isInt = false): Series {
  const text = pyNumberStr(value, isInt);
  const start = Math.trunc(ctx.startTime);
  const end = Math.trunc(ctx.endTime);
  const step = Math.trunc((end - start) / 2);
  return new Series(text, start, end, step, Float64Array.of(value, value, value), {
    pathExpression: `constantLine(${text})`,
    xFilesFactor: ctx.xFilesFactor,
  });
}

export const constantLine = defineFunction({
  name: 'constantLine',
  group: 'Special',
  description: `A horizontal line at the given value across the whole requested time range.

.. code-block:: none

  &target=constantLine(80)`,
  params: [param.float('value', { required: true })],
  run: (ctx, { value }) => [constantLineSeries(ctx, value)],
});
