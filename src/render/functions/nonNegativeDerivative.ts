import type { RenderFunction } from '../function-types.js';
import { optionalNumberArg, seriesListArg } from './lib/args.js';
import { seriesValues } from './lib/consolidate.js';
import { nonNegativeDelta } from './lib/non-negative-delta.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';

export const nonNegativeDerivative: RenderFunction = {
  name: 'nonNegativeDerivative',
  group: 'Transform',
  description: `The change between consecutive points of a counter, with drops treated as
resets: null by default, or the growth as if the counter had wrapped at \`maxValue\` (and
restarted from \`minValue\`, when given).

.. code-block:: none

  &target=nonNegativeDerivative(hosts.web01.net.rx_bytes)`,
  params: [SERIES_LIST, { name: 'maxValue', type: 'float' }, { name: 'minValue', type: 'float' }],
  run(_ctx, args) {
    const maxValue = optionalNumberArg(args, 'maxValue');
    const minValue = optionalNumberArg(args, 'minValue');
    return seriesListArg(args, 'seriesList').map((s) => {
      const input = seriesValues(s);
      const values = new Float64Array(input.length);
      let prev = NaN;
      for (let i = 0; i < input.length; i++) [values[i], prev] = nonNegativeDelta(input[i], prev, maxValue, minValue);
      return pyCopy(s, { name: `nonNegativeDerivative(${s.name})`, values, tags: { ...s.tags, nonNegativeDerivative: '1' } });
    });
  },
};
