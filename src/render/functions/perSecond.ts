import type { RenderFunction } from '../function-types.js';
import { pyRound } from '../../lib/python-format.js';
import { optionalNumberArg, seriesListArg } from './lib/args.js';
import { seriesValues } from './lib/consolidate.js';
import { nonNegativeDelta } from './lib/non-negative-delta.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';

export const perSecond: RenderFunction = {
  name: 'perSecond',
  group: 'Transform',
  description: `The per-second rate of a counter: as \`nonNegativeDerivative\` (same \`maxValue\` and
\`minValue\`), divided by the series' step and rounded to 6 decimals.

.. code-block:: none

  &target=perSecond(hosts.web01.net.rx_bytes)`,
  params: [SERIES_LIST, { name: 'maxValue', type: 'float' }, { name: 'minValue', type: 'float' }],
  run(_ctx, args) {
    const maxValue = optionalNumberArg(args, 'maxValue');
    const minValue = optionalNumberArg(args, 'minValue');
    return seriesListArg(args, 'seriesList').map((s) => {
      const input = seriesValues(s);
      const values = new Float64Array(input.length);
      let prev = NaN;
      for (let i = 0; i < input.length; i++) {
        let delta: number;
        [delta, prev] = nonNegativeDelta(input[i], prev, maxValue, minValue);
        values[i] = delta === delta ? pyRound(delta / s.step, 6) : NaN;
      }
      return pyCopy(s, { name: `perSecond(${s.name})`, values, tags: { ...s.tags, perSecond: '1' } });
    });
  },
};
