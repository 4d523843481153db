import type { RenderFunction } from '../function-types.js';
import { integerArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { headSlice } from './lib/py-slice.js';

export const limit: RenderFunction = {
  name: 'limit',
  group: 'Filter Series',
  description: `Keeps only the first n series of the list.

.. code-block:: none

  &target=limit(hosts.*.cpu.user,5)`,
  params: [SERIES_LIST, { name: 'n', type: 'integer', required: true }],
  run: (_ctx, args) => headSlice(seriesListArg(args, 'seriesList'), integerArg(args, 'n')),
};
