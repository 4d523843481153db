import { defineFunction } from '../function-types.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { transformed } from './lib/pointwise.js';
import { mapPaced } from './lib/paced.js';
import { safeMax, safeMin } from './lib/safe.js';

export const minMax = defineFunction({
  name: 'minMax',
  group: 'Transform',
  description: `Min-max normalisation: each point becomes \`(x - min) / (max - min)\` with the
series' own minimum and maximum over the range, so every series spans 0 to 1 (a flat series is 0
throughout).

.. code-block:: none

  &target=minMax(hosts.*.requests)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const values = seriesValues(s);
      const min = orZero(safeMin(values));
      const range = orZero(safeMax(values)) - min;
      return transformed(s, `minMax(${s.name})`, null, (v) => (v !== v ? NaN : range === 0 ? 0 : (v - min) / range));
    });
  },
});

function orZero(v: number): number {
  return v === v ? v : 0;
}
