import { defineFunction } from '../function-types.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const derivative = defineFunction({
  name: 'derivative',
  group: 'Transform',
  description: `The difference between each point and the one before it (null when either is
null). Not divided by time: see \`perSecond\` for a rate.

.. code-block:: none

  &target=derivative(hosts.web01.net.tx_packets)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const input = seriesValues(s);
      const values = new Float64Array(input.length);
      let prev = NaN;
      for (let i = 0; i < input.length; i++) {
        const v = input[i];
        values[i] = v - prev;
        prev = v;
      }
      return pyCopy(s, { name: `derivative(${s.name})`, values, tags: { ...s.tags, derivative: '1' } });
    });
  },
});
