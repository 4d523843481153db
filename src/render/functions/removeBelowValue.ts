import type { RenderFunction } from '../function-types.js';
import { pyFormatG } from '../../lib/python-format.js';
import { numberArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';

export const removeBelowValue: RenderFunction = {
  name: 'removeBelowValue',
  group: 'Filter Data',
  description: `Turns into nulls the points below the threshold (and nulls stay null).

.. code-block:: none

  &target=removeBelowValue(hosts.*.latency_ms,0)`,
  params: [SERIES_LIST, { name: 'n', type: 'float', required: true }],
  run(_ctx, args) {
    const n = numberArg(args, 'n');
    return seriesListArg(args, 'seriesList').map((s) => {
      const name = `removeBelowValue(${s.name}, ${pyFormatG(n)})`;
      return s.copy({ name, pathExpression: name, values: mapValues(s.values, (v) => (v !== v || v < n ? NaN : v)) });
    });
  },
};
