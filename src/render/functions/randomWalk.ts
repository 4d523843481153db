import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { generatedSeries } from './lib/generated-series.js';

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
      let current = 0;
      const walk = () => {
        const value = current;
        current += Math.random() - 0.5;
        return value;
      };
      return [generatedSeries(ctx, name, seriesName, step, walk)];
    },
  });
}

export const randomWalk = randomWalkSeriesFunction('randomWalk');
export const randomWalkFunction = randomWalkSeriesFunction('randomWalkFunction');
