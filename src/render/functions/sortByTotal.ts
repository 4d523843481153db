import { defineFunction } from '../function-types.js';
import { SERIES_LIST } from './lib/params.js';
import { sortByAggregate } from './lib/rank.js';
import { safeSum } from './lib/safe.js';

export const sortByTotal = defineFunction({
  name: 'sortByTotal',
  group: 'Sorting',
  description: `Orders the series by the sum of their points over the range, largest first.

.. code-block:: none

  &target=sortByTotal(shop.*.orders)`,
  params: [SERIES_LIST],
  run: (ctx, { seriesList }) => sortByAggregate(ctx, seriesList, safeSum, true),
});
