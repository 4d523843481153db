import type { RenderFunction } from '../function-types.js';
import { integerArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { highest } from './lib/rank.js';

export const highestAverage: RenderFunction = {
  name: 'highestAverage',
  group: 'Filter Series',
  description: `Keeps the n series with the highest average over the range, in that order.

.. code-block:: none

  &target=highestAverage(hosts.*.cpu.user,5)`,
  params: [SERIES_LIST, { name: 'n', type: 'integer', required: true }],
  run: (_ctx, args) => highest(seriesListArg(args, 'seriesList'), integerArg(args, 'n'), 'average'),
};
