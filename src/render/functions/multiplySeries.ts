import { defineFunction, type EvalContext } from '../function-types.js';
import type { Series } from '../series.js';
import { aggregate } from './lib/aggregate.js';
import { SERIES_LISTS } from './lib/params.js';

/** one single series comes back unchanged, as it always has in graphite-web */
export async function multiplySeriesOf(ctx: EvalContext, seriesLists: Series[][]): Promise<Series[]> {
  if (seriesLists.length === 1 && seriesLists[0].length === 1) return seriesLists[0];
  return aggregate(ctx, seriesLists, 'multiply');
}

export const multiplySeries = defineFunction({
  name: 'multiplySeries',
  group: 'Combine',
  aggregator: true,
  description: `Multiplies the series point by point; a point is null as soon as one factor is.
To multiply by a constant, use \`scale\`.

.. code-block:: none

  &target=multiplySeries(orders.count,orders.avg_price)`,
  params: [SERIES_LISTS],
  run: (ctx, { seriesLists }) => multiplySeriesOf(ctx, seriesLists),
});
