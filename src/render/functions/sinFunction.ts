import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { generatedSeries } from './lib/generated-series.js';

const description = `A sine wave of the time: \`amplitude * sin(t)\` (t in seconds since 1970; amplitude
1 unless given), one point every \`step\` seconds (60 unless given) over the requested range,
named \`name\` (short form: \`sin\`). Handy as test data.

.. code-block:: none

  &target=sin("test.wave",5,10)`;

function sineFunction(name: string) {
  return defineFunction({
    name,
    group: 'Transform',
    description,
    params: [param.string('name', { required: true }), param.integer('amplitude', { default: 1 }), param.integer('step', { default: 60 })],
    run: (ctx, { name: seriesName, amplitude, step }) => [generatedSeries(ctx, name, seriesName, step, (t) => Math.sin(t) * amplitude)],
  });
}

export const sin = sineFunction('sin');
export const sinFunction = sineFunction('sinFunction');
