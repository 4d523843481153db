import type { RenderFunction } from '../function-types.js';
import { integerArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { lowest } from './lib/rank.js';

export const lowestAverage: RenderFunction = {
  name: 'lowestAverage',
  group: 'Filter Series',
  description: `Keeps the n series with the lowest average over the range, in that order.

.. code-block:: none

  &target=lowestAverage(hosts.*.cpu.user,5)`,
  params: [SERIES_LIST, { name: 'n', type: 'integer', required: true }],
  run: (_ctx, args) => lowest(seriesListArg(args, 'seriesList'), integerArg(args, 'n'), 'average'),
};
