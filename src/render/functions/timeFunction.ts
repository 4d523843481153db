import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { generatedSeries } from './lib/generated-series.js';

const description = `A series whose value at each point is that point's own timestamp (seconds since
1970), one point every \`step\` seconds (60 unless given) over the requested range, named
\`name\` (short form: \`time\`).

.. code-block:: none

  &target=time("clock.seconds",10)`;

function timeSeriesFunction(name: string) {
  return defineFunction({
    name,
    group: 'Transform',
    description,
    params: [param.string('name', { required: true }), param.integer('step', { default: 60 })],
    run: (ctx, { name: seriesName, step }) => [generatedSeries(ctx, name, seriesName, step, (t) => t)],
  });
}

export const time = timeSeriesFunction('time');
export const timeFunction = timeSeriesFunction('timeFunction');
