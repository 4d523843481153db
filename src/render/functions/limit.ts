import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { headSlice } from './lib/py-slice.js';

export const limit = defineFunction({
  name: 'limit',
  group: 'Filter Series',
  description: `Keeps only the first n series of the list.

.. code-block:: none

  &target=limit(hosts.*.cpu.user,5)`,
  params: [SERIES_LIST, param.integer('n', { required: true })],
  run: (_ctx, { seriesList, n }) => headSlice(seriesList, n),
});
