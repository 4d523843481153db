import { defineFunction } from '../function-types.js';
import { SERIES_LIST } from './lib/params.js';
import { transformed } from './lib/pointwise.js';
import { mapPaced } from './lib/paced.js';

export const isNonNull = defineFunction({
  name: 'isNonNull',
  group: 'Transform',
  description: `1 where a series has a value, 0 where it has none. Summed across series
(\`sumSeries(isNonNull(...))\`) it counts the series reporting at each point, e.g. servers alive.

.. code-block:: none

  &target=isNonNull(hosts.*.heartbeat)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const out = transformed(s, `isNonNull(${s.name})`, ['isNonNull', '1'], (v) => (v === v ? 1 : 0));
      // Python ints, as names that print values show
      out.integral = true;
      return out;
    });
  },
});
