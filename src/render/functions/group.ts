import type { RenderFunction } from '../function-types.js';
import { seriesListsArg } from './lib/args.js';

export const group: RenderFunction = {
  name: 'group',
  group: 'Combine',
  description: `Joins several series lists into one, so they can go where one list is expected.

.. code-block:: none

  &target=sumSeries(group(hosts.web*.requests,hosts.api*.requests))`,
  params: [{ name: 'seriesLists', type: 'seriesList', multiple: true }],
  run: (_ctx, args) => seriesListsArg(args, 'seriesLists').flat(),
};
