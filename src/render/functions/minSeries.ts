import type { RenderFunction } from '../function-types.js';
import { aggregate } from './lib/aggregate.js';
import { seriesListsArg } from './lib/args.js';
import { SERIES_LISTS } from './lib/params.js';

export const minSeries: RenderFunction = {
  name: 'minSeries',
  group: 'Combine',
  description: `Keeps, at each point, the minimum value among the series that have one there.

.. code-block:: none

  &target=minSeries(hosts.*.disk.free)`,
  params: [SERIES_LISTS],
  run: (ctx, args) => aggregate(ctx, seriesListsArg(args, 'seriesLists'), 'min'),
};
