import type { RenderFunction } from '../function-types.js';
import { aggregate } from './lib/aggregate.js';
import { seriesListsArg } from './lib/args.js';
import { SERIES_LISTS } from './lib/params.js';

export const diffSeries: RenderFunction = {
  name: 'diffSeries',
  group: 'Combine',
  description: `Subtracts every following series from the first, point by point; nulls are
skipped, so the first value present plays the part of the first series. To subtract a
constant, use \`offset\`.

.. code-block:: none

  &target=diffSeries(pool.connections.open,pool.connections.idle)`,
  params: [SERIES_LISTS],
  run: (ctx, args) => aggregate(ctx, seriesListsArg(args, 'seriesLists'), 'diff'),
};
