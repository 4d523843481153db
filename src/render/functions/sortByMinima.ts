import { defineFunction } from '../function-types.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { mapPaced } from './lib/paced.js';
import { sortByAggregate } from './lib/rank.js';
import { safeMax, safeMin } from './lib/safe.js';

export const sortByMinima = defineFunction({
  name: 'sortByMinima',
  group: 'Sorting',
  description: `Orders the series by their lowest point over the range, lowest first, keeping only
the series whose highest point is above 0 (series without values are left out too).

.. code-block:: none

  &target=sortByMinima(hosts.*.mem.free)`,
  params: [SERIES_LIST],
  async run(ctx, { seriesList }) {
    const positive = await mapPaced(ctx, seriesList, (s) => safeMax(seriesValues(s)) > 0);
    return sortByAggregate(
      ctx,
      seriesList.filter((_, i) => positive[i]),
      safeMin,
      false,
    );
  },
});
