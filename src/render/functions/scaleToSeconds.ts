import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr, pyRound } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';
import { transformed } from './lib/pointwise.js';
import { mapPaced } from './lib/paced.js';

export const scaleToSeconds = defineFunction({
  name: 'scaleToSeconds',
  group: 'Transform',
  description: `Turns per-step values into values per \`seconds\`: each point is multiplied by
\`seconds / step\` and rounded to 6 decimals, so series of different resolutions compare, e.g.
after derivative() or integral().

.. code-block:: none

  &target=scaleToSeconds(derivative(shop.orders.total),60)`,
  params: [SERIES_LIST, param.float('seconds', { required: true })],
  run(ctx, { seriesList, seconds }) {
    if (seriesList.length === 0) return [];
    // Python's '%d' of a float truncates it, and fails on an infinite one
    if (!Number.isFinite(seconds)) throw new InputError(`scaleToSeconds: seconds must be a finite number, got ${pyFloatRepr(seconds)}`);
    const shown = BigInt(Math.trunc(seconds)).toString();
    return mapPaced(ctx, seriesList, (s) => {
      const factor = seconds / s.step;
      return transformed(s, `scaleToSeconds(${s.name},${shown})`, ['scaleToSeconds', pyFloatRepr(seconds)], (v) => pyRound(v * factor, 6));
    });
  },
});
