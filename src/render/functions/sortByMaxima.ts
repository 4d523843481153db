import { defineFunction } from '../function-types.js';
import { SERIES_LIST } from './lib/params.js';
import { sortByAggregate } from './lib/rank.js';
import { safeMax } from './lib/safe.js';

export const sortByMaxima = defineFunction({
  name: 'sortByMaxima',
  group: 'Sorting',
  description: `Sorts the series by their largest value, highest first.

.. code-block:: none

  &target=sortByMaxima(hosts.*.mem.used)`,
  params: [SERIES_LIST],
  run: (ctx, { seriesList }) => sortByAggregate(ctx, seriesList, safeMax, true),
});
