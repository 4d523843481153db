import { defineFunction } from '../function-types.js';
import { consolidateSeriesBy } from './consolidateBy.js';
import { SERIES_LIST } from './lib/params.js';

export const cumulative = defineFunction({
  name: 'cumulative',
  group: 'Special',
  description: `Makes points that have to be merged (a graph narrower than the points, a
maxDataPoints limit, series of different steps combined) add up rather than average: the same as
\`consolidateBy(seriesList,"sum")\`, and named so.

.. code-block:: none

  &target=cumulative(shop.orders.count)`,
  params: [SERIES_LIST],
  run: (_ctx, { seriesList }) => consolidateSeriesBy(seriesList, 'sum'),
});
