import type { RenderFunction } from '../function-types.js';
import { integerArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { highest } from './lib/rank.js';

export const highestMax: RenderFunction = {
  name: 'highestMax',
  group: 'Filter Series',
  description: `Keeps the n series whose largest value over the range is highest, in that order.

.. code-block:: none

  &target=highestMax(hosts.*.cpu.user,5)`,
  params: [SERIES_LIST, { name: 'n', type: 'integer', required: true }],
  run: (_ctx, args) => highest(seriesListArg(args, 'seriesList'), integerArg(args, 'n'), 'max'),
};
