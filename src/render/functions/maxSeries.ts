import type { RenderFunction } from '../function-types.js';
import { aggregate } from './lib/aggregate.js';
import { seriesListsArg } from './lib/args.js';
import { SERIES_LISTS } from './lib/params.js';

export const maxSeries: RenderFunction = {
  name: 'maxSeries',
  group: 'Combine',
  description: `Keeps, at each point, the maximum value among the series that have one there.

.. code-block:: none

  &target=maxSeries(hosts.*.disk.free)`,
  params: [SERIES_LISTS],
  run: (ctx, args) => aggregate(ctx, seriesListsArg(args, 'seriesLists'), 'max'),
};
