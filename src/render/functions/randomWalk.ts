import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';

const description = `A made-up series for trying out graphs without data: a random walk from 0,
each point the previous one plus a random step between -0.5 and 0.5, one point every \`step\`
seconds (60 unless given) over the requested range, named \`name\` (short form: \`randomWalk\`).

.. code-block:: none

  &target=randomWalk("test.walk",10)`;

function randomWalkSeriesFunction(name: string) {
  return defineFunction({
    name,
    group: 'Special',
    description,
    params: [param.string('name', { required: true }), param.integer('step', { default: 60 })],
    run(ctx, { name: seriesName, step }) {
      // graphite-web loops for ever on a step of zero or less
      if (step <= 0) throw new InputError(`${name}: step must be a positive number of seconds, got ${step}`);
      const start = Math.trunc(ctx.startTime);
      const end = Math.trunc(ctx.endTime);
      const values = new Float64Array(end > start ? Math.ceil((end - start) / step) : 0);
      let current = 0;
      for (let i = 0; i < values.length; i++) {
        values[i] = current;
        current += Math.random() - 0.5;
      }
      return [new Series(seriesName, start, end, step, values, { xFilesFactor: ctx.xFilesFactor })];
    },
  });
}

export const randomWalk = randomWalkSeriesFunction('randomWalk');
export const randomWalkFunction = randomWalkSeriesFunction('randomWalkFunction');
