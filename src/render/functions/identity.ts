import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';

export const identity = defineFunction({
  name: 'identity',
  group: 'Calculate',
  description: `A series whose value is its own timestamp, one point a minute from the start of
the requested range, named \`name\`. Subtracted from a series whose values are timestamps, it
gives their age.

.. code-block:: none

  &target=identity("now")`,
  params: [param.string('name', { required: true })],
  run(ctx, { name }) {
    const start = Math.trunc(ctx.startTime);
    const end = Math.trunc(ctx.endTime);
    const step = 60;
    const values = new Float64Array(Math.max(0, Math.ceil((end - start) / step)));
    for (let i = 0; i < values.length; i++) values[i] = start + i * step;
    return [new Series(name, start, end, step, values, { pathExpression: `identity("${name}")`, xFilesFactor: ctx.xFilesFactor, integral: true })];
  },
});
