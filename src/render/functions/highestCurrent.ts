import type { RenderFunction } from '../function-types.js';
import { integerArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { highest } from './lib/rank.js';

export const highestCurrent: RenderFunction = {
  name: 'highestCurrent',
  group: 'Filter Series',
  description: `Keeps the n series whose last non-null value is highest, in that order.

.. code-block:: none

  &target=highestCurrent(hosts.*.cpu.user,5)`,
  params: [SERIES_LIST, { name: 'n', type: 'integer', required: true }],
  run: (_ctx, args) => highest(seriesListArg(args, 'seriesList'), integerArg(args, 'n'), 'current'),
};
