import { defineFunction } from '../function-types.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const integral = defineFunction({
  name: 'integral',
  group: 'Transform',
  description: `The running total of each series from the start of the range; a null point stays
null and adds nothing.

.. code-block:: none

  &target=integral(shop.orders.per_minute)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const input = seriesValues(s);
      const values = new Float64Array(input.length);
      let current = 0;
      for (let i = 0; i < input.length; i++) {
        const v = input[i];
        if (v !== v) values[i] = NaN;
        else values[i] = current += v;
      }
      return pyCopy(s, { name: `integral(${s.name})`, values, tags: { ...s.tags, integral: '1' } });
    });
  },
});
